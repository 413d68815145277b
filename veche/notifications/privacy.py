"""The user's notifications, subscriptions and settings: exported, and deleted with him."""

from veche.accounts.privacy import (
    json_value,
    register_deletion_hook,
    register_export_section,
    row_as_dict,
)


def export_section(user) -> dict:
    from .categories import category_label
    from .selectors import preference_for

    preference = preference_for(user)
    return {
        "notifications": [
            {
                **row_as_dict(row, exclude=("id", "title", "text")),
                "title": row.title_text,
                "text": row.body_text,
            }
            for row in user.notifications.order_by("created_at", "pk")
        ],
        "subscriptions": [
            {
                "municipality": sub.municipality.name if sub.municipality else None,
                "category": category_label(sub.category_key) if sub.category_key else None,
                "area": [sub.min_lat, sub.min_lon, sub.max_lat, sub.max_lon]
                if sub.has_area
                else None,
                "created_at": json_value(sub.created_at),
            }
            for sub in user.notification_subscriptions.select_related("municipality")
        ],
        "preferences": {
            "email_enabled": preference.email_enabled,
            "digest_enabled": preference.digest_enabled,
            "language": preference.language,
            "sms_enabled": preference.sms_enabled,
            "push_enabled": preference.push_enabled,
        },
        "push_subscriptions": [
            {"endpoint": sub.endpoint, "created_at": json_value(sub.created_at)}
            for sub in user.push_subscriptions.all()
        ],
    }


def deletion_hook(user) -> None:
    from .models import Preference

    user.notifications.all().delete()
    user.notification_subscriptions.all().delete()
    user.push_subscriptions.all().delete()
    Preference.objects.filter(user=user).delete()


def register() -> None:
    register_export_section("notifications", export_section)
    register_deletion_hook("notifications", deletion_hook)
