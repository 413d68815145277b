"""A small world for comment tests.

Comments need content to hang on, and this platform app has none of its own: the tests register
problem reports as a commentable kind (`reports.report`), which the layer rule allows in tests
only (veche/core/layers.py skips tests). Two municipalities, residents and moderators of each.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.comments.kinds import CommentableKind, register_commentable, unregister_commentable
from veche.comments.models import RemovalReason
from veche.reports.models import Report
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

KIND = "reports.report"


def commentable(moderation: str = "pre") -> CommentableKind:
    return CommentableKind(
        kind=KIND,
        model=Report,
        moderation=moderation,
        can_view=lambda user, report: user.has_perm("reports.view_report", report),
        can_comment=lambda user, report: (
            None if report.status != "closed" else "Обсуждение закрытого сообщения завершено."
        ),
        author_of=lambda report: report.author,
        url_of=lambda report: f"/test-item/{report.pk}/",
        title_of=lambda report: f"Сообщение № {report.pk}",
        territory_of=lambda report: report.municipality_id,
        label="Сообщение",
    )


@pytest.fixture
def kind(db):
    """Reports, commentable with pre-moderation (the default)."""
    register_commentable(commentable("pre"))
    yield KIND
    unregister_commentable(KIND)


@pytest.fixture
def post_moderated(db):
    """Reports, commentable with post-moderation: comments are public at once."""
    register_commentable(commentable("post"))
    yield KIND
    unregister_commentable(KIND)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache and are keyed by user id, which tests reuse."""
    cache.clear()
    yield
    cache.clear()


def _moderator(municipality):
    return RoleAssignmentFactory(role=Role.MODERATOR, municipality=municipality).user


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    author = UserFactory(first_name="Анна", last_name="Петрова")
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        author=author,  # wrote the report
        writer=UserFactory(first_name="Борис", last_name="Сидоров"),
        neighbour=UserFactory(first_name="Вера", last_name="Орлова"),
        third=UserFactory(),
        fourth=UserFactory(),
        unconfirmed=UnconfirmedUserFactory(),
        moderator=_moderator(surgut),
        urai_moderator=_moderator(urai),
        region_moderator=RegionWideRoleFactory(role=Role.MODERATOR).user,
        # get_or_create: a transactional test (live_server) has flushed the migration's rows.
        reason=RemovalReason.objects.get_or_create(
            code="insults", defaults={"text": "Insults or obscene language"}
        )[0],
        report=RoutedReportFactory(municipality=surgut, author=author),
    )
