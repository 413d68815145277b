"""create_api_token NAME --user EMAIL [--expires-days N]."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.api.models import ApiToken

from .conftest import bearer

pytestmark = pytest.mark.django_db


def _run(*args) -> list[str]:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_prints_the_key_last_and_the_key_works(client):
    user = UserFactory(email="app-user@example.org")
    lines = _run("Городское приложение", "--user", "APP-user@example.org")

    key = lines[-1]
    token = ApiToken.objects.get()
    assert token.name == "Городское приложение" and token.user == user
    assert token.expires_at is None and token.created_by is None
    response = client.get("/api/v1/me", **bearer(key))
    assert response.status_code == 200 and response.json()["id"] == user.pk


def test_expires_days_sets_the_expiry():
    user = UserFactory()
    _run("Тест", "--user", user.email, "--expires-days", "30")
    expires_at = ApiToken.objects.get().expires_at
    assert abs(expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


def test_an_unknown_user_is_an_error_and_creates_nothing():
    with pytest.raises(CommandError, match="nobody@example.org"):
        _run("Тест", "--user", "nobody@example.org")
    assert not ApiToken.objects.exists()


def test_a_non_positive_expiry_is_an_error():
    user = UserFactory()
    with pytest.raises(CommandError):
        _run("Тест", "--user", user.email, "--expires-days", "0")
    assert not ApiToken.objects.exists()
