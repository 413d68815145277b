"""Reads of the notifications app."""

from django.db.models import QuerySet

from veche.accounts.models import User

from .models import Notification, Preference, Subscription


def preference_for(user) -> Preference:
    """The user's preferences; the defaults (an unsaved row) when he never changed them."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def subscriptions_for(user) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).select_related("municipality", "category")


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()
