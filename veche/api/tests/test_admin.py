"""The back office shows tokens read-only (hash, never a key) and can revoke them."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.api.models import ApiToken

from .factories import ApiTokenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_tokens_are_listed_and_shown_read_only(root_client):
    token = ApiTokenFactory(name="Приложение Нягани")

    listing = root_client.get("/admin/api/apitoken/")
    page = root_client.get(f"/admin/api/apitoken/{token.pk}/change/")

    assert listing.status_code == 200 and "Приложение Нягани" in listing.content.decode()
    html = page.content.decode()
    assert page.status_code == 200 and token.key_hash in html
    assert token.plain_key not in html and 'name="key_hash"' not in html
    assert root_client.get("/admin/api/apitoken/add/").status_code == 403


def test_the_revoke_action(root_client):
    first, second = ApiTokenFactory(), ApiTokenFactory()
    root_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [first.pk, second.pk]},
    )
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 2
