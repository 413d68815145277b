from urllib.parse import urlsplit

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification, Preference, PushSubscription, SentNotice, Subscription


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title_text", "user", "kind", "subject_type", "created_at", "read_at"]
    list_filter = ["kind", "subject_type"]
    search_fields = ["user__email", "subject_id"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "category_key", "created_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "digest_enabled", "language", "updated_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(SentNotice)
class SentNoticeAdmin(admin.ModelAdmin):
    """Read-only: deleting a key would send its notice again."""

    list_display = ["key", "sent_at"]
    search_fields = ["key"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    """Read-only, and without the endpoint's path or the keys: with them anyone could push to
    the person's browser. The person subscribes and unsubscribes himself (webpush.py); a push
    service that forgot a subscription makes the channel delete it."""

    list_display = ["user", "push_service", "created_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "push_service", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("push service"))
    def push_service(self, obj: PushSubscription) -> str:
        return urlsplit(obj.endpoint).hostname or "—"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
