"""Reads of the notifications app."""

from django.conf import settings
from django.db.models import Q, QuerySet

from veche.accounts.models import User
from veche.accounts.selectors import has_reachable_email

from .models import Notification, Preference, Subscription


def preference_for(user) -> Preference:
    """The user's preferences; the defaults (an unsaved row) when he never changed them."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def language_for(user) -> str:
    """The language his letters (and other channels) speak: his choice or the portal's."""
    return preference_for(user).language or settings.LANGUAGE_CODE


def email_allowed(user, *, digest: bool = False) -> bool:
    """An active user with a confirmed address who has not turned e-mail (or the digest) off."""
    if not (user.is_active and user.deleted_at is None and user.email):
        return False
    if user.email_confirmed_at is None:  # never write to an address nobody has proved is his
        return False
    if not has_reachable_email(user):  # a caller's or a client application's: no mailbox
        return False
    preference = preference_for(user)
    return preference.email_enabled and (preference.digest_enabled or not digest)


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def subscriptions_for(user) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).select_related("municipality")


def subscriptions_matching(
    *, municipality_id: int | None, category_keys: list[str], lat: float, lon: float
) -> QuerySet[Subscription]:
    """Subscriptions whose every set condition holds for a new object at (lat, lon) in the
    municipality, of any of `category_keys` (an empty key, "any category", always matches)."""
    area = Q(min_lat__isnull=True) | Q(
        min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
    )
    return (
        Subscription.objects.filter(
            Q(municipality__isnull=True) | Q(municipality_id=municipality_id),
            Q(category_key="") | Q(category_key__in=category_keys),
            area,
        )
        .select_related("user")
        .order_by("pk")
    )


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()
