"""The demo issues capital by its rules and the verified residents back its projects, once."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.community import demo
from veche.community.models import CapitalRule, Gift, Project


@pytest.mark.django_db
def test_the_demo_backs_its_projects_once():
    UserFactory(email="resident@demo.veche")
    for n in range(6):
        UserFactory(email=f"resident{n}.demo@demo.veche")
    demo.seed()
    assert CapitalRule.objects.count() == 2
    assert Project.objects.count() == len(demo.PROJECTS)
    assert all(p.backers >= 2 for p in Project.objects.all())
    gifts = Gift.objects.count()
    demo.seed()
    assert (Gift.objects.count(), Project.objects.count()) == (gifts, len(demo.PROJECTS))


@pytest.mark.django_db
def test_the_registries_demo_is_idempotent():
    from veche.community import demo_registries
    from veche.community.models import Activist, Link, News, Organization
    from veche.territory.tests.factories import MunicipalityFactory

    from .factories import registry_moderator

    MunicipalityFactory(name="Сургут")
    moderator = registry_moderator()
    moderator.email = "moderator@demo.veche"
    moderator.save(update_fields=["email"])
    UserFactory(email="resident@demo.veche")
    for n in range(6):
        UserFactory(email=f"resident{n}.demo@demo.veche")
    demo.seed()
    demo_registries.seed()
    counts = (
        Activist.objects.count(),
        Organization.objects.count(),
        Link.objects.count(),
        News.objects.count(),
    )
    assert counts[0] == 7 and counts[1] == len(demo_registries.NGOS) and counts[2] and counts[3]
    assert Organization.objects.filter(status="pending").count() == 1
    demo_registries.seed()
    assert counts == (
        Activist.objects.count(),
        Organization.objects.count(),
        Link.objects.count(),
        News.objects.count(),
    )


def test_the_grants_demo_applies_and_backs_projects_once(db, settings, tmp_path):
    from django.utils import timezone

    from veche.community import demo_grants
    from veche.community.models import GrantApplication, GrantContest
    from veche.core.demo import demos_in_order
    from veche.territory.models import Settlement

    settings.MEDIA_ROOT = tmp_path
    for entry in demos_in_order():
        if entry.app_label in ("territory", "workdays", "agencies", "staff"):
            entry.seed()
    settlement = Settlement.objects.first()
    for n in range(10):
        # As in the portal's demo, half the residents named no settlement.
        UserFactory(email=f"resident{n}.demo@demo.veche", settlement=settlement if n % 2 else None)
    for _n in range(4):
        UserFactory(verified_at=timezone.now(), verification_method="phone")
    demo.seed()  # the capital rules issue the verified residents' capital
    demo_grants.seed()
    demo_grants.seed()
    grant_contest = GrantContest.objects.get()
    applications = GrantApplication.objects.filter(grant_contest=grant_contest)
    assert applications.count() == len(demo_grants.APPLICATIONS)
    assert len({a.direction for a in applications}) == len(demo_grants.APPLICATIONS)
    assert sum(a.project.collected for a in applications) > 0
    assert grant_contest.contest.current_stage.kind == "applications"


@pytest.mark.django_db
def test_the_demo_gives_the_moderator_a_suspicious_case_once():
    from veche.community.models import CapitalFreeze
    from veche.community.selectors import fresh_single_project_givers

    from .factories import registry_moderator

    moderator = registry_moderator()
    moderator.email = "moderator@demo.veche"
    moderator.save(update_fields=["email"])
    UserFactory(email="resident@demo.veche")
    demo.seed()
    flagged = fresh_single_project_givers()
    assert [case["project"].title for case in flagged] == [demo.PROJECTS[1][0]]
    assert len(flagged[0]["accounts"]) == len(demo.NEWCOMERS)
    assert CapitalFreeze.objects.filter(lifted_at__isnull=True).count() == 1
    demo.seed()
    assert len(fresh_single_project_givers()[0]["accounts"]) == len(demo.NEWCOMERS)
    assert CapitalFreeze.objects.count() == 1
