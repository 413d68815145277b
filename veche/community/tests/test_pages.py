"""The project page: goal, collected, backers; giving 100 by a plain form, another amount, and a
refusal shown on the form; the export and deletion hooks."""

import pytest
from django.urls import reverse

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.community.models import Gift
from veche.community.services import capital_give

from .factories import ProjectFactory, UserFactory, VerifiedUserFactory, capital, with_capital

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_a_verified_resident_backs_a_project_with_100(client):
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    client.force_login(anna)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "<strong>500</strong>" in page
    response = client.post(
        reverse("community:give", args=[project.pk]), {"step": "100"}, follow=True
    )
    assert "100" in response.content.decode()
    project.refresh_from_db()
    assert (project.collected, project.backers, capital(anna)) == (100, 1, 400)


def test_another_amount_and_a_refusal_on_the_form(client):
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    client.force_login(anna)
    client.post(reverse("community:give", args=[project.pk]), {"step": "other", "other": "37"})
    assert capital(anna) == 463
    response = client.post(
        reverse("community:give", args=[project.pk]), {"step": "other", "other": "900"}
    )
    assert response.status_code == 400
    assert "капитала" in response.content.decode()
    missing = client.post(reverse("community:give", args=[project.pk]), {"step": "other"})
    assert missing.status_code == 400
    assert Gift.objects.count() == 1


def test_a_resident_not_verified_sees_why_he_cannot_give(client):
    client.force_login(UserFactory())
    page = client.get(ProjectFactory().get_absolute_url()).content.decode()
    assert reverse("community:give", args=[1]) not in page


def test_export_and_deletion():
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory()
    capital_give(user=anna, project=project, amount=200)
    section = export_sections()["community"](anna)
    assert section["capital"] == 300 and section["gifts"][0]["amount"] == 200
    deletion_hooks()["community"](project.owner)
    project.refresh_from_db()
    assert (project.status, capital(anna)) == ("returned", 500)


def test_the_cabinet_shows_the_capital_and_the_gifts(client):
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory()
    capital_give(user=anna, project=project, amount=50)
    client.force_login(anna)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert "<strong>450</strong>" in page
    assert project.title in page
