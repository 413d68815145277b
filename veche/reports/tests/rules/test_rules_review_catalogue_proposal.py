"""reports.review_catalogue_proposal, reports.propose_catalogue, reports.add_press_link and
reports.follow_report as role matrices."""

import pytest
from django.contrib.auth.models import AnonymousUser

from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory

NAMES = (
    "anonymous",
    "author",
    "neighbour",
    "unconfirmed",
    "official",
    "moderator",
    "urai_moderator",
    "region_moderator",
    "municipal_admin",
    "regional_admin",
)


@pytest.fixture
def people(world):
    world.anonymous = AnonymousUser()
    world.municipal_admin = RoleAssignmentFactory(
        role=Role.MUNICIPAL_ADMIN, municipality=world.surgut
    ).user
    world.regional_admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    return world


REVIEW = {"regional_admin"}
PROPOSE = {
    "author",
    "neighbour",
    "official",
    "moderator",
    "urai_moderator",
    "region_moderator",
    "municipal_admin",
    "regional_admin",
}
PRESS = {"author", "moderator", "region_moderator", "regional_admin"}
FOLLOW = {
    "neighbour",
    "official",
    "moderator",
    "urai_moderator",
    "region_moderator",
    "municipal_admin",
    "regional_admin",
    "unconfirmed",
}


@pytest.mark.parametrize("name", NAMES)
def test_review_proposals(people, name):
    user = getattr(people, name)
    assert user.has_perm("reports.review_catalogue_proposal") is (name in REVIEW)


@pytest.mark.parametrize("name", NAMES)
def test_propose(people, name):
    assert getattr(people, name).has_perm("reports.propose_catalogue") is (name in PROPOSE)


@pytest.mark.parametrize("name", NAMES)
def test_add_press_link(people, name):
    report = RoutedReportFactory(author=people.author, municipality=people.surgut)
    user = getattr(people, name)
    assert user.has_perm("reports.add_press_link", report) is (name in PRESS)
    unpublished = ReportFactory(author=people.author, municipality=people.surgut)
    assert user.has_perm("reports.add_press_link", unpublished) is False


@pytest.mark.parametrize("name", NAMES)
def test_follow(people, name):
    report = RoutedReportFactory(author=people.author, municipality=people.surgut)
    assert getattr(people, name).has_perm("reports.follow_report", report) is (name in FOLLOW)
