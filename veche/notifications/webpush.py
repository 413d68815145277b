"""The web-push channel (VAPID, RFC 8030/8291/8292): a notice's title, text and link pushed to
each browser a person subscribed from the preferences page, when he turned push on.

- Keys: `WEBPUSH_VAPID_PRIVATE_KEY` / `WEBPUSH_VAPID_PUBLIC_KEY` (`manage.py webpush_keys` makes a
  pair) and `WEBPUSH_CONTACT`; without the keys the channel is off and the page offers no button.
- Subscriptions come from the browser (static/notifications/push.js); their endpoints must be on
  a known push service (`WEBPUSH_ENDPOINT_HOSTS`), so the server never posts to an address a
  visitor made up (an internal one, say).
- `send()` only queues a task, like the e-mail channel. The task posts the encrypted message to each
  endpoint; a 404 or 410 means the browser dropped the subscription, and its row is deleted.
"""

import base64
import binascii
import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task
from pywebpush import WebPushException, webpush

from .brief import brief
from .channels import Channel
from .messages import Message, Notice
from .models import PushSubscription
from .selectors import preference_for, user_by_id

logger = logging.getLogger(__name__)

GONE = (404, 410)  # the push service no longer knows the subscription
TIMEOUT = 10  # seconds per push service request
TTL = 24 * 3600  # a notice older than a day is not worth showing


def webpush_configured() -> bool:
    return bool(settings.WEBPUSH_VAPID_PRIVATE_KEY and settings.WEBPUSH_VAPID_PUBLIC_KEY)


# --- subscriptions (services) ---


def push_subscription_save(*, user, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Remember this browser's subscription for the user (a browser that another person used
    before is his now: one endpoint, one row)."""
    if not user.has_perm("notifications.change_preference"):
        raise PermissionDenied
    _check_endpoint(endpoint)
    _check_key(p256dh, 65, "p256dh")
    _check_key(auth, 16, "auth")
    with transaction.atomic():
        subscription = PushSubscription.objects.select_for_update().filter(
            endpoint=endpoint
        ).first() or PushSubscription(endpoint=endpoint)
        subscription.user, subscription.p256dh, subscription.auth = user, p256dh, auth
        subscription.full_clean()
        subscription.save()
    return subscription


def push_subscription_remove(*, user, endpoint: str) -> bool:
    """Forget this browser's subscription (the person unsubscribed it); False if there was none."""
    if not user.has_perm("notifications.change_preference"):
        raise PermissionDenied
    deleted, _rows = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return bool(deleted)


def push_subscription_expire(*, subscription: PushSubscription) -> None:
    """The push service answered that the subscription is gone: delete it (the system acts)."""
    PushSubscription.objects.filter(pk=subscription.pk).delete()


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint or "")
    host = (parts.hostname or "").lower()
    allowed = settings.WEBPUSH_ENDPOINT_HOSTS
    known = any(host == suffix or host.endswith("." + suffix) for suffix in allowed)
    if parts.scheme != "https" or not known:
        raise ValidationError(_("This browser's push service is not supported."), code="endpoint")


def _check_key(value: str, size: int, name: str) -> None:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError, TypeError):
        raw = b""
    if len(raw) != size:
        raise ValidationError(_("The browser sent an invalid subscription."), code=name)


# --- the channel ---


def push_allowed(user) -> bool:
    if not (webpush_configured() and user.is_active and user.deleted_at is None):
        return False
    return preference_for(user).push_enabled and user.push_subscriptions.exists()


class WebPushChannel(Channel):
    name = "push"

    def enabled_for(self, user) -> bool:
        return push_allowed(user)

    def send(self, notice: Notice) -> None:
        send_notification_push.enqueue(user_id=notice.user.pk, message=notice.message.as_dict())


def push_payload(user, message: Message) -> str:
    """What the service worker shows (templates/notifications/sw.js), in the user's language."""
    short = brief(user, message)
    return json.dumps(
        {"title": short.title, "body": short.body, "url": short.url, "tag": message.kind},
        ensure_ascii=False,
    )


def push(subscription: PushSubscription, payload: str) -> bool:
    """Post one encrypted message; False (and the row deleted) when the subscription is gone."""
    try:
        webpush(
            subscription_info=subscription.as_subscription_info(),
            data=payload,
            vapid_private_key=settings.WEBPUSH_VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.WEBPUSH_CONTACT},
            timeout=TIMEOUT,
            ttl=TTL,
        )
    except WebPushException as error:
        if error.response is not None and error.response.status_code in GONE:
            push_subscription_expire(subscription=subscription)
            return False
        raise
    return True


@task()
def send_notification_push(user_id: int, message: dict) -> int:
    """Push one notice to each of the user's browsers; returns how many took it. One failing
    push service does not keep the others from getting it."""
    user = user_by_id(user_id)
    parsed = Message.from_dict(message)
    if user is None or parsed.is_digest or not push_allowed(user):
        logger.info("notification push %s to user %s skipped", parsed.kind, user_id)
        return 0
    payload = push_payload(user, parsed)
    delivered = 0
    for subscription in list(user.push_subscriptions.all()):
        try:
            delivered += push(subscription, payload)
        except Exception:  # a push service down or refusing: log it, try the next browser
            logger.warning("web push to %s failed", subscription.endpoint, exc_info=True)
    return delivered


def vapid_key_pair() -> tuple[str, str]:
    """A new (private, public) VAPID key pair, base64url as the settings and browsers take them."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return _b64url(private), _b64url(public)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
