"""The web-push channel against a local push service: the encrypted notice reaches the endpoint
(and decrypts to the notice), a 404/410 deletes the subscription, and only known push services
are accepted from browsers."""

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.urls import reverse

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.accounts.tests.factories import UserFactory
from veche.notifications.channels import deliver
from veche.notifications.messages import Message
from veche.notifications.models import PushSubscription
from veche.notifications.webpush import vapid_key_pair

from .factories import PreferenceFactory

pytestmark = pytest.mark.django_db

NOTICE = Message(kind="status_changed", title="Сообщение № 5: новый статус", link="/reports/5/")


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushService:
    """A push service on 127.0.0.1 that records each POST and answers with `status`."""

    def __init__(self):
        self.received: list[dict] = []
        self.status = 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.received.append({"path": self.path, "headers": self.headers, "body": body})
                self.send_response(service.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def push_service(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def vapid(settings):
    private, public = vapid_key_pair()
    settings.WEBPUSH_VAPID_PRIVATE_KEY, settings.WEBPUSH_VAPID_PUBLIC_KEY = private, public
    settings.WEBPUSH_CONTACT = "mailto:portal@example.ru"
    return public


@pytest.fixture
def browser():
    """A browser's side of a subscription: its ECDH key pair and auth secret."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {
        "key": key,
        "p256dh": b64url(public),
        "auth_raw": (auth := os.urandom(16)),
        "auth": b64url(auth),
    }


def subscribed(user, browser, endpoint: str) -> PushSubscription:
    PreferenceFactory(user=user, push_enabled=True)
    return PushSubscription.objects.create(
        user=user, endpoint=endpoint, p256dh=browser["p256dh"], auth=browser["auth"]
    )


def test_a_push_reaches_the_endpoint_encrypted_for_the_browser(
    push_service, vapid, browser, settings
):
    settings.SITE_URL = "https://veche.example.ru"
    anna = UserFactory()
    subscribed(anna, browser, f"{push_service.url}/push/anna")
    assert "push" in deliver(anna, NOTICE)

    [request] = push_service.received
    assert request["path"] == "/push/anna"
    assert request["headers"]["Content-Encoding"] == "aes128gcm"
    assert request["headers"]["Authorization"].startswith("vapid t=")
    assert f"k={vapid}" in request["headers"]["Authorization"]
    plain = http_ece.decrypt(
        request["body"],
        private_key=browser["key"],
        auth_secret=browser["auth_raw"],
        version="aes128gcm",
    )
    assert json.loads(plain) == {
        "title": "Сообщение № 5: новый статус",
        "body": "",
        "url": "https://veche.example.ru/reports/5/",
        "tag": "status_changed",
    }


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_is_deleted(push_service, vapid, browser, status):
    anna = UserFactory()
    gone = subscribed(anna, browser, f"{push_service.url}/push/gone")
    push_service.status = status
    deliver(anna, NOTICE)
    assert len(push_service.received) == 1
    assert not PushSubscription.objects.filter(pk=gone.pk).exists()


def test_a_failing_push_service_keeps_the_subscription(push_service, vapid, browser):
    anna = UserFactory()
    kept = subscribed(anna, browser, f"{push_service.url}/push/busy")
    push_service.status = 503
    deliver(anna, NOTICE)
    assert PushSubscription.objects.filter(pk=kept.pk).exists()


def test_no_push_without_the_choice_keys_or_a_subscription(push_service, vapid, browser, settings):
    not_opted = UserFactory()
    PushSubscription.objects.create(
        user=not_opted,
        endpoint=f"{push_service.url}/push/b",
        p256dh=browser["p256dh"],
        auth=browser["auth"],
    )
    no_browser = UserFactory()
    PreferenceFactory(user=no_browser, push_enabled=True)
    assert "push" not in deliver(not_opted, NOTICE)
    assert "push" not in deliver(no_browser, NOTICE)

    opted = UserFactory()
    subscribed(opted, browser, f"{push_service.url}/push/c")
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""  # the portal has no keys: the channel is off
    assert "push" not in deliver(opted, NOTICE)
    assert push_service.received == []


# --- the browser's side: subscribing from the preferences page ---

FCM = "https://fcm.googleapis.com/fcm/send/abc123"


def post_json(client, name, data):
    return client.post(reverse(name), json.dumps(data), content_type="application/json")


def test_a_browser_subscribes_and_unsubscribes(client, browser):
    anna = UserFactory()
    client.force_login(anna)
    keys = {"p256dh": browser["p256dh"], "auth": browser["auth"]}
    response = post_json(client, "notifications:push_subscribe", {"endpoint": FCM, "keys": keys})
    assert response.status_code == 201
    assert PushSubscription.objects.get(endpoint=FCM).user == anna
    # The same browser, used by another person afterwards, is his.
    boris = UserFactory()
    client.force_login(boris)
    post_json(client, "notifications:push_subscribe", {"endpoint": FCM, "keys": keys})
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [boris.pk]
    response = post_json(client, "notifications:push_unsubscribe", {"endpoint": FCM})
    assert response.json() == {"removed": True}
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"endpoint": "http://127.0.0.1:8000/admin/", "keys": "valid"},  # not a push service
        {"endpoint": "https://169.254.169.254/latest/", "keys": "valid"},
        {"endpoint": "https://fcm.googleapis.com.evil.ru/x", "keys": "valid"},
        {"endpoint": FCM, "keys": {"p256dh": "short", "auth": "AAAA"}},
        {"endpoint": FCM},
        ["not", "an", "object"],
    ],
)
def test_a_bad_subscription_is_refused_and_nothing_is_stored(client, browser, data):
    client.force_login(UserFactory())
    if isinstance(data, dict) and data.get("keys") == "valid":
        data = {**data, "keys": {"p256dh": browser["p256dh"], "auth": browser["auth"]}}
    response = post_json(client, "notifications:push_subscribe", data)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_not_json_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(reverse("notifications:push_subscribe"), "{", content_type="text/plain")
    assert response.status_code == 400


def test_the_service_worker_is_served_from_a_fixed_address(client):
    response = client.get(reverse("notifications:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert 'addEventListener("push"' in response.text


def test_preferences_offer_push_only_when_configured(client, settings):
    client.force_login(UserFactory())
    settings.WEBPUSH_VAPID_PRIVATE_KEY = settings.WEBPUSH_VAPID_PUBLIC_KEY = ""
    html = client.get(reverse("notifications:preferences")).text
    assert "push_enabled" not in html and "push-controls" not in html
    private, public = vapid_key_pair()
    settings.WEBPUSH_VAPID_PRIVATE_KEY, settings.WEBPUSH_VAPID_PUBLIC_KEY = private, public
    html = client.get(reverse("notifications:preferences")).text
    assert 'name="push_enabled"' in html
    assert f'data-vapid-key="{public}"' in html and "notifications/push.js" in html


def test_push_subscriptions_are_exported_and_deleted_with_the_account(browser):
    anna, boris = UserFactory(), UserFactory()
    subscribed(anna, browser, FCM)
    subscribed(boris, browser, FCM + "-boris")
    exported = export_sections()["notifications"](anna)
    assert [s["endpoint"] for s in exported["push_subscriptions"]] == [FCM]
    assert exported["preferences"]["push_enabled"] is True
    deletion_hooks()["notifications"](anna)
    assert list(PushSubscription.objects.values_list("user", flat=True)) == [boris.pk]
