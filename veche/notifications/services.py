"""Every change the notifications app makes: delivering ready messages, marking read,
subscribing, preferences and unsubscribing. Keyword-only and atomic, like every service of Veche.

Domain apps decide who hears of what and in which words (e.g. veche/reports/notices) and hand
the ready messages to `notify`.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.models import User
from veche.territory.models import Municipality

from .categories import category_choices
from .channels import deliver
from .messages import Message
from .models import Notification, Preference, SentNotice, Subscription
from .tokens import SCOPE_DIGEST, SCOPE_EMAIL, Unsubscribe

# Enough for every municipality of a region twice over; more is a script, not a resident.
MAX_SUBSCRIPTIONS = 50


def claim(key: str) -> bool:
    """Claim a one-off notice; False when it went out already. Call it inside the transaction
    that sends the notice, so a failed send releases the key again."""
    _notice, created = SentNotice.objects.get_or_create(key=key)
    return created


def notify(*, recipients: Iterable[User], message: Message, once_key: str | None = None) -> int:
    """Deliver a ready message to each recipient through every channel he hears by; returns
    how many were told. With `once_key`, a second call with the same key (a retried task, a
    second run) sends nothing: the key is claimed in the same transaction."""
    with transaction.atomic():
        if once_key is not None and not claim(once_key):
            return 0
        told = 0
        for user in recipients:
            deliver(user, message)
            told += 1
        return told


# --- In-app list -----------------------------------------------------------------------------


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.user_id != user.pk:
        raise ValidationError(_("This notification is not yours."), code="not_yours")
    with transaction.atomic():
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    with transaction.atomic():
        unread = Notification.objects.filter(user=user, read_at__isnull=True)
        return unread.update(read_at=timezone.now())


# --- Subscriptions ---------------------------------------------------------------------------


def subscription_add(
    *,
    user,
    municipality: Municipality | None = None,
    category_key: str = "",
    area: tuple[float, float, float, float] | None = None,
) -> Subscription:
    """Subscribe to new things published; `category_key` one that an app registered
    (categories.py), "" for any; `area` is (south, west, north, east) in degrees."""
    if category_key and category_key not in _known_keys():
        raise ValidationError({"category_key": [_("Choose a category from the list.")]})
    south, west, north, east = area if area is not None else (None, None, None, None)
    subscription = Subscription(
        user=user,
        municipality=municipality,
        category_key=category_key,
        min_lat=south,
        min_lon=west,
        max_lat=north,
        max_lon=east,
    )
    with transaction.atomic():
        # Lock the user's row: two concurrent adds must not both pass the limit.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Subscription.objects.filter(user=user).count() >= MAX_SUBSCRIPTIONS:
            raise ValidationError(
                _("You may have at most %(max)d subscriptions.") % {"max": MAX_SUBSCRIPTIONS},
                code="too_many",
            )
        subscription.full_clean()
        subscription.save()
    return subscription


def _known_keys() -> set[str]:
    return {key for _group, options in category_choices() for key, _name in options}


def subscription_remove(*, user, subscription: Subscription) -> None:
    if subscription.user_id != user.pk:
        raise ValidationError(_("This subscription is not yours."), code="not_yours")
    with transaction.atomic():
        subscription.delete()


# --- Preferences and unsubscribing -----------------------------------------------------------


def preferences_update(
    *,
    user,
    email_enabled: bool,
    digest_enabled: bool,
    language: str | None = None,
    sms_enabled: bool | None = None,
    push_enabled: bool | None = None,
) -> Preference:
    """Save how the user wants to hear; the language, SMS and push stay as they were when not
    given. SMS needs a phone number proved by a code (sms.py)."""
    from .sms import PHONE_PROVED

    if sms_enabled and not (user.phone and user.verification_method == PHONE_PROVED):
        raise ValidationError(
            {"sms_enabled": _("SMS go only to a phone number confirmed by a code.")}
        )
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
        preference.email_enabled = email_enabled
        preference.digest_enabled = digest_enabled
        if language is not None:
            preference.language = language
        if sms_enabled is not None:
            preference.sms_enabled = sms_enabled
        if push_enabled is not None:
            preference.push_enabled = push_enabled
        preference.full_clean()
        preference.save()
    return preference


def unsubscribe(*, user, scope: str) -> bool:
    """Do what an unsubscribe token says, and nothing more. False when there was nothing to end
    (already off, or the subscription is gone) — the page says so, and that is not an error."""
    with transaction.atomic():
        if scope in (SCOPE_EMAIL, SCOPE_DIGEST):
            preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
            field = "email_enabled" if scope == SCOPE_EMAIL else "digest_enabled"
            if not getattr(preference, field):
                return False
            setattr(preference, field, False)
            preference.save(update_fields=[field, "updated_at"])
            return True
        subscription_id = Unsubscribe(user.pk, scope).subscription_id
        if subscription_id is None:
            raise ValueError(f"Unknown unsubscribe scope {scope!r}")
        deleted, _rows = Subscription.objects.filter(pk=subscription_id, user=user).delete()
        return bool(deleted)
