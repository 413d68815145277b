"""The back office shows web-push subscriptions without what would let anyone push to them, and
changes none of them (the person subscribes and unsubscribes himself)."""

import pytest

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.notifications.models import PushSubscription

ENDPOINT = "https://fcm.googleapis.com/fcm/send/secret-token-of-the-browser"
KEYS = {"p256dh": "B" + "k" * 86, "auth": "secret-auth-value"}


@pytest.fixture
def subscription(db):
    return PushSubscription.objects.create(
        user=UserFactory(email="anna@mail.ru"), endpoint=ENDPOINT, **KEYS
    )


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


def test_push_subscriptions_are_listed_without_their_secrets(admin_client, subscription):
    for url in (
        "/admin/notifications/pushsubscription/",
        f"/admin/notifications/pushsubscription/{subscription.pk}/change/",
    ):
        response = admin_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "anna@mail.ru" in html and "fcm.googleapis.com" in html
        assert "secret-token-of-the-browser" not in html
        assert KEYS["p256dh"] not in html and KEYS["auth"] not in html


def test_push_subscriptions_are_not_changed_in_the_back_office(admin_client, subscription):
    base = "/admin/notifications/pushsubscription"
    assert admin_client.get(f"{base}/add/").status_code == 403
    assert admin_client.post(f"{base}/{subscription.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"{base}/{subscription.pk}/delete/").status_code == 403
    assert PushSubscription.objects.filter(pk=subscription.pk).exists()
