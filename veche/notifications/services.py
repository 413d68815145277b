"""Every change the notifications app makes: delivering report events, marking read, subscribing,
preferences and unsubscribing. Keyword-only and atomic, like every service of Veche."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.models import User
from veche.reports.models import Category, Report, TimelineEntry
from veche.territory.models import Municipality

from . import messages
from .channels import deliver
from .models import Notification, Preference, SentNotice, Subscription
from .recipients import event_recipients
from .tokens import SCOPE_DIGEST, SCOPE_EMAIL, Unsubscribe

# Enough for every municipality of a region twice over; more is a script, not a resident.
MAX_SUBSCRIPTIONS = 50


def claim(key: str) -> bool:
    """Claim a one-off notice; False when it went out already. Call it inside the transaction
    that sends the notice, so a failed send releases the key again."""
    _notice, created = SentNotice.objects.get_or_create(key=key)
    return created


def _event_key(kind: str, report: Report, entry_id: int | None, data: dict) -> str | None:
    if kind == "support_threshold":
        return f"threshold:{report.pk}:{data.get('threshold', report.support_count)}"
    return f"event:{kind}:{entry_id}" if entry_id else None


def report_event_deliver(*, kind: str, report_id: int, entry_id: int | None, data: dict) -> int:
    """Tell everyone concerned (recipients.py) what happened to a report; returns how many.

    A retried task finds its key claimed and sends nothing again.
    """
    with transaction.atomic():
        report = (
            Report.objects.select_related("author", "topic", "municipality", "agency")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            return 0
        entry = TimelineEntry.objects.filter(pk=entry_id, report=report).first()
        key = _event_key(kind, report, entry_id, data)
        if key is not None and not claim(key):
            return 0
        recipients = event_recipients(kind=kind, report=report, entry=entry)
        for recipient in recipients:
            message = messages.build(
                recipient.notice, report, entry=entry, data=data, recipient=recipient
            )
            deliver(recipient.user, message)
        return len(recipients)


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
    category: Category | None = None,
    area: tuple[float, float, float, float] | None = None,
) -> Subscription:
    """Subscribe to new reports; `area` is (south, west, north, east) in degrees."""
    south, west, north, east = area if area is not None else (None, None, None, None)
    subscription = Subscription(
        user=user,
        municipality=municipality,
        category=category,
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
    sms_enabled: bool | None = None,
    push_enabled: bool | None = None,
) -> Preference:
    """Save how the user wants to hear; SMS and push stay as they were when not given. SMS needs
    a phone number proved by a code (sms.py)."""
    from .sms import PHONE_PROVED

    if sms_enabled and not (user.phone and user.verification_method == PHONE_PROVED):
        raise ValidationError(
            {"sms_enabled": _("SMS go only to a phone number confirmed by a code.")}
        )
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
        preference.email_enabled = email_enabled
        preference.digest_enabled = digest_enabled
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
