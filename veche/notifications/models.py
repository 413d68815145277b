"""Notifications (SPEC §12): what a user was told in-app, what he asked to hear about, how he wants
to hear it, and which one-off notices have gone out already (so that none goes out twice).

The app knows no domain app: a notice names its subject as strings, its words are message ids
with parameters (text.py), and a subscription's category is a key that a domain app registers
(categories.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality

from .text import render, render_lines

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
    kind = models.CharField(_("kind"), max_length=60)
    # Message specs (text.py): rendered in the reader's language when shown.
    title = models.JSONField(_("title"))
    text = models.JSONField(_("text"), default=list, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # What it is about, e.g. ("reports.report", "12"); no foreign key into a domain app.
    subject_type = models.CharField(_("subject type"), max_length=60, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=40, blank=True)
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
        return self.title_text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def title_text(self) -> str:
        """The title in the active language (the reader's)."""
        return render(self.title)

    @property
    def body_text(self) -> str:
        return render_lines(self.text)


class Subscription(models.Model):
    """New published things a user wants to hear of: in a municipality, of a category that a
    domain app registered (e.g. "reports:3", categories.py), inside a map rectangle — every
    condition that is set must hold. An empty category key means any."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_subscriptions",
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
    category_key = models.CharField(_("category"), max_length=100, blank=True)
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
                | ~Q(category_key="")
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
                F("category_key"),
                Coalesce(F("min_lat"), _NONE_DEGREE),
                Coalesce(F("min_lon"), _NONE_DEGREE),
                Coalesce(F("max_lat"), _NONE_DEGREE),
                Coalesce(F("max_lon"), _NONE_DEGREE),
                name="subscription_unique",
                violation_error_message=_("You already have this subscription."),
            ),
        ]

    def __str__(self) -> str:
        parts = [str(self.municipality)] if self.municipality else []
        if self.category_key:
            parts.append(self.category_name)
        if self.has_area:
            parts.append(str(_("map area")))
        return " · ".join(parts)

    @property
    def has_area(self) -> bool:
        return self.min_lat is not None

    @property
    def category_name(self) -> str:
        from .categories import category_label

        return category_label(self.category_key) if self.category_key else ""


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
    # Letters and other channels speak it; empty: the portal's language. The site itself speaks
    # the language the reader chose there.
    language = models.CharField(
        _("language of notifications"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
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
        # The push service's host only: the endpoint's path is what lets anyone push to it.
        return f"{urlsplit(self.endpoint).hostname or '?'} · {self.pk}"

    def as_subscription_info(self) -> dict:
        """The shape the Push API's `PushSubscription.toJSON()` has (and pywebpush reads)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class SentNotice(models.Model):
    """A one-off notice that went out: its key is claimed in the same transaction that sends it,
    so a second run (or a retried task) finds the key and sends nothing.

    Keys are chosen by the app that sends, e.g. "event:<kind>:<entry id>",
    "reminder:<report>:<due iso>" (reports/notices), "digest:<user>:<date>" (digest.py).
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
