"""Suspicious accounts (issue 15 point 6): fresh accounts giving only to one project are listed
for a moderator, who freezes an account's capital (audited); frozen capital cannot be given;
lifting the freeze lets it give again."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from veche.community import selectors
from veche.community.models import CapitalFreeze, Gift
from veche.community.services import capital_freeze, capital_give, capital_unfreeze
from veche.staff.models import StaffAuditLog

from .factories import (
    ProjectFactory,
    UserFactory,
    VerifiedUserFactory,
    capital,
    registry_moderator,
    with_capital,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_frozen_capital_cannot_be_given_and_the_freeze_is_audited():
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory()
    moderator = registry_moderator()
    capital_freeze(moderator=moderator, user=anna, reason="Свежий аккаунт, один проект")
    with pytest.raises(PermissionDenied):
        capital_give(user=anna, project=project, amount=100)
    assert capital(anna) == 500 and not Gift.objects.exists()
    assert StaffAuditLog.objects.get(action="community.capital_freeze").target_id == str(anna.pk)
    with pytest.raises(ValidationError):
        capital_freeze(moderator=moderator, user=anna, reason="ещё раз")
    capital_unfreeze(moderator=moderator, user=anna)
    capital_give(user=anna, project=project, amount=100)
    assert capital(anna) == 400
    assert StaffAuditLog.objects.filter(action="community.capital_unfreeze").count() == 1


def test_only_a_moderator_freezes_and_a_reason_is_needed():
    anna = with_capital(VerifiedUserFactory(), 500)
    with pytest.raises(PermissionDenied):
        capital_freeze(moderator=UserFactory(), user=anna, reason="просто так")
    with pytest.raises(ValidationError):
        capital_freeze(moderator=registry_moderator(), user=anna, reason="  ")
    assert not CapitalFreeze.objects.exists()


def test_fresh_accounts_backing_one_project_are_listed(client):
    project, other = ProjectFactory(goal=5000), ProjectFactory(goal=5000)
    fresh = [with_capital(VerifiedUserFactory(), 500) for _ in range(3)]
    for user in fresh:
        capital_give(user=user, project=project, amount=100)
    old = with_capital(VerifiedUserFactory(), 500)
    old.date_joined -= timedelta(days=60)
    old.save(update_fields=["date_joined"])
    capital_give(user=old, project=project, amount=100)
    both = with_capital(VerifiedUserFactory(), 500)
    capital_give(user=both, project=project, amount=50)
    capital_give(user=both, project=other, amount=50)
    groups = selectors.fresh_single_project_givers(fresh_days=7, least=3)
    assert [g["project"].pk for g in groups] == [project.pk]
    assert {a["user"] for a in groups[0]["accounts"]} == {u.pk for u in fresh}

    client.force_login(UserFactory())
    assert client.get(reverse("community:suspicious")).status_code == 403
    moderator = registry_moderator()
    client.force_login(moderator)
    page = client.get(reverse("community:suspicious"))
    assert page.status_code == 200 and project.title in page.content.decode()
    client.post(reverse("community:freeze", args=[fresh[0].pk]), {"reason": "проверка"})
    assert CapitalFreeze.objects.filter(user=fresh[0], lifted_at__isnull=True).exists()
