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
