"""api_token_create / api_token_revoke / api_token_touch."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.api.models import ApiToken
from veche.api.services import (
    api_token_create,
    api_token_revoke,
    api_token_touch,
    hash_key,
)
from veche.staff.models import StaffAuditLog

pytestmark = pytest.mark.django_db


def test_create_returns_the_plain_key_once_and_stores_only_its_hash():
    user = UserFactory()
    token, key = api_token_create(user=user, name="Приложение Сургута", created_by=None)

    stored = ApiToken.objects.values().get(pk=token.pk)
    assert key.startswith("vch_") and len(key) > 40
    assert stored["key_hash"] == hash_key(key) and len(stored["key_hash"]) == 64
    assert stored["key_prefix"] == key[:12]
    assert not any(isinstance(v, str) and key in v for v in stored.values())
    assert stored["user_id"] == user.pk and stored["created_at"] is not None


def test_two_tokens_never_share_a_key():
    user = UserFactory()
    _, first = api_token_create(user=user, name="A", created_by=None)
    _, second = api_token_create(user=user, name="B", created_by=None)
    assert first != second


def test_the_database_rejects_a_duplicate_hash():
    token, _ = api_token_create(user=UserFactory(), name="A", created_by=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            name="B", user=token.user, key_prefix="vch_x", key_hash=token.key_hash
        )


def test_name_is_required_and_nothing_is_written():
    with pytest.raises(ValidationError) as error:
        api_token_create(user=UserFactory(), name="  ", created_by=None)
    assert "name" in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_expiry_must_be_in_the_future():
    past = timezone.now() - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        api_token_create(user=UserFactory(), name="A", created_by=None, expires_at=past)
    assert error.value.message_dict["expires_at"] == [
        "Дата окончания действия должна быть в будущем."
    ]
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "state", [{"is_active": False}, {"deleted_at": timezone.now()}], ids=["inactive", "deleted"]
)
def test_a_token_cannot_act_as_an_inactive_or_deleted_user(state):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=UserFactory(**state), name="A", created_by=None)
    assert "user" in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_only_a_superuser_hands_out_a_superusers_powers(regional_admin):
    root = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError):
        api_token_create(user=root, name="A", created_by=regional_admin)
    assert not ApiToken.objects.exists()
    other_root = UserFactory(is_superuser=True, is_staff=True)
    token, _ = api_token_create(user=root, name="A", created_by=other_root)
    assert token.user == root


def test_revoke_is_permanent_and_idempotent(token):
    with time_machine.travel(timezone.now(), tick=False):
        api_token_revoke(token=token)
        first = ApiToken.objects.get(pk=token.pk).revoked_at
    assert first is not None and token.revoked_at == first
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        api_token_revoke(token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


def test_touch_writes_last_used_at_most_once_a_minute(token):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api_token_touch(token=token)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        api_token_touch(token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    later = start + timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        api_token_touch(token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_create_and_revoke_are_in_the_staff_audit_log(regional_admin):
    user = UserFactory()
    token, key = api_token_create(user=user, name="Приложение", created_by=regional_admin)
    api_token_revoke(token=token, revoked_by=regional_admin)
    api_token_revoke(token=token, revoked_by=regional_admin)

    entries = list(StaffAuditLog.objects.filter(target_id=str(token.pk)).order_by("pk"))
    assert [e.action for e in entries] == ["api.token_create", "api.token_revoke"]
    assert all(e.actor == regional_admin for e in entries)
    assert entries[0].details["user_id"] == user.pk
    assert key not in str(entries[0].details) and token.key_hash not in str(entries[0].details)
