"""Workers reuse a token they read for API_TOKEN_CACHE_SECONDS; revoking takes effect at once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.api.selectors import api_token_by_key
from veche.api.services import api_token_create, api_token_revoke


@pytest.fixture
def cached(settings):
    settings.API_TOKEN_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_read_token_is_reused_and_revoking_forgets_it(cached, client, django_assert_num_queries):
    user = UserFactory()
    token, key = api_token_create(user=user, name="app", created_by=None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    with django_assert_num_queries(0):
        assert api_token_by_key(key).pk == token.pk
    api_token_revoke(token=token, revoked_by=None)
    response = client.get("/api/v1/me", **headers)
    assert response.status_code == 401


@pytest.mark.django_db
def test_noting_a_use_does_not_keep_a_stale_token_beyond_the_cache_time(settings, client):
    # Another process blocks the user (or revokes the key with a per-process cache): the cached
    # copy must be dropped after API_TOKEN_CACHE_SECONDS, however often the key is used.
    settings.API_TOKEN_CACHE_SECONDS = 300
    cache.clear()
    user = UserFactory()
    _token, key = api_token_create(user=user, name="app", created_by=None)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/api/v1/me", **headers).status_code == 200
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    with time_machine.travel(start + timedelta(seconds=120), tick=False):
        assert client.get("/api/v1/me", **headers).status_code == 200  # the cached copy, still
    with time_machine.travel(start + timedelta(seconds=301), tick=False):
        assert client.get("/api/v1/me", **headers).status_code == 401
    cache.clear()


@pytest.mark.django_db
def test_deleting_the_account_revokes_its_keys(client):
    from veche.accounts.services import account_delete
    from veche.accounts.tests.factories import DEMO_PASSWORD

    user = UserFactory()
    token, key = api_token_create(user=user, name="app", created_by=None)
    account_delete(user=user, password=DEMO_PASSWORD)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
