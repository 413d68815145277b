"""Notifications (SPEC §12): what a user was told in-app, what he asked to hear about, how he wants
to hear it, and which one-off notices have gone out already (so that none goes out twice)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from veche.reports.models import Category, Report
from veche.territory.models import Municipality

# Stands in for "no value" in the subscription's unique index (NULLs are distinct in an index).
_NONE_ID = Value(0)
_NONE_DEGREE = Value(-999.0)


class Notification(models.Model):
    """One in-app message. E-mail and other channels carry copies of it (channels.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Subscription(models.Model):
    """New published reports a user wants to hear of: in a municipality, of a category, inside
    a map rectangle — every condition that is set must hold."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    min_lat = models.FloatField(_("south latitude"), null=True, blank=True)
    min_lon = models.FloatField(_("west longitude"), null=True, blank=True)
    max_lat = models.FloatField(_("north latitude"), null=True, blank=True)
    max_lon = models.FloatField(_("east longitude"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False)
                | Q(category__isnull=False)
                | Q(min_lat__isnull=False),
                name="subscription_has_a_condition",
                violation_error_message=_("Choose a municipality, a category or a map area."),
            ),
            models.CheckConstraint(
                condition=Q(
                    min_lat__isnull=True,
                    min_lon__isnull=True,
                    max_lat__isnull=True,
                    max_lon__isnull=True,
                )
                | Q(
                    min_lat__isnull=False,
                    min_lon__isnull=False,
                    max_lat__isnull=False,
                    max_lon__isnull=False,
                    min_lat__gte=-90,
                    max_lat__lte=90,
                    min_lon__gte=-180,
                    max_lon__lte=180,
                    min_lat__lte=F("max_lat"),
                    min_lon__lte=F("max_lon"),
                ),
                name="subscription_area_valid",
                violation_error_message=_(
                    "A map area needs all four edges, south below north and west left of east."
                ),
            ),
            models.UniqueConstraint(
                F("user"),
                Coalesce(F("municipality"), _NONE_ID),
                Coalesce(F("category"), _NONE_ID),
                Coalesce(F("min_lat"), _NONE_DEGREE),
                Coalesce(F("min_lon"), _NONE_DEGREE),
                Coalesce(F("max_lat"), _NONE_DEGREE),
                Coalesce(F("max_lon"), _NONE_DEGREE),
                name="subscription_unique",
                violation_error_message=_("You already have this subscription."),
            ),
        ]

    def __str__(self) -> str:
        parts = [str(part) for part in (self.municipality, self.category) if part]
        if self.has_area:
            parts.append(str(_("map area")))
        return " · ".join(parts)

    @property
    def has_area(self) -> bool:
        return self.min_lat is not None


class Preference(models.Model):
    """How a user wants to hear. No row means the defaults: e-mail on, digest on, SMS and web
    push off (each is asked for: an SMS costs money, a push needs the browser's consent)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email_enabled = models.BooleanField(_("send notifications by e-mail"), default=True)
    digest_enabled = models.BooleanField(_("send the daily digest"), default=True)
    sms_enabled = models.BooleanField(_("send notifications by SMS"), default=False)
    push_enabled = models.BooleanField(_("send notifications as web push"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class PushSubscription(models.Model):
    """One browser's web-push subscription (the Push API's endpoint and keys). A push service
    answering 404 or 410 for it means the browser dropped it; the row is then deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="push_subscriptions",
        verbose_name=_("user"),
    )
    endpoint = models.URLField(_("endpoint"), max_length=1000, unique=True)
    p256dh = models.CharField(_("public key"), max_length=200)
    auth = models.CharField(_("authentication secret"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("web-push subscription")
        verbose_name_plural = _("web-push subscriptions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.endpoint

    def as_subscription_info(self) -> dict:
        """The shape the Push API's `PushSubscription.toJSON()` has (and pywebpush reads)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class SentNotice(models.Model):
    """A one-off notice that went out: its key is claimed in the same transaction that sends it,
    so a second run (or a retried task) finds the key and sends nothing.

    Keys: "event:<kind>:<entry id>", "threshold:<report>:<n>", "reminder:<report>:<due iso>",
    "overdue:<report>:<due iso>", "escalation:<report>:<due iso>", "digest:<user>:<date>".
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
