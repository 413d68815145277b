"""The event log (an outbox): what happened in the domain apps, appended once, never changed.

Consumers (notices, points, analytics, the ClickHouse export) read it forward from their own
watermark (`Cursor`) instead of importing the domain apps. docs/events.md lists the kinds.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality


class Event(models.Model):
    """One thing that happened. `subject` names the object as strings ("reports.report", "123"),
    so the log needs no foreign key into any app; `actor` is a pseudonym, never a user id."""

    id = models.BigAutoField(primary_key=True)
    # Only the id is indexed for reading (consumers read forward from a watermark; analytics
    # queries its own copy): every index here is written by every support and ballot.
    kind = models.CharField(_("kind"), max_length=60)
    subject_type = models.CharField(_("subject type"), max_length=60)
    subject_id = models.CharField(_("subject id"), max_length=40)
    actor = models.CharField(_("actor pseudonym"), max_length=64, blank=True)
    territory = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    occurred_at = models.DateTimeField(_("occurred"))
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="event_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.kind} {self.subject_type}:{self.subject_id}"


class Cursor(models.Model):
    """A consumer's watermark: the id of the last event it has handled."""

    consumer = models.CharField(_("consumer"), max_length=60, unique=True)
    last_event_id = models.BigIntegerField(_("last event"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event cursor")
        verbose_name_plural = _("event cursors")
        ordering = ["consumer"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_event_id__gte=0), name="event_cursor_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consumer} @ {self.last_event_id}"
