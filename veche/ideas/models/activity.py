"""What happens around an idea: supports, the public timeline and the agency's progress updates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.supports.models import SupportBase

from .idea import Idea, Status


class IdeaSupport(SupportBase):
    """One resident's support of an idea; the unique constraint makes it count once
    (veche.supports counts it: ideas/services/supports.py)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    # The reverse name it had before the shared base (the base would say "ideas_supports").
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_support_once"),
        ]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.user_id}"


class IdeaProgress(models.Model):
    """A progress update of the responsible agency while the idea is being implemented."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="progress")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("agency"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.created_at:%Y-%m-%d}"


class IdeaTimelineEntry(models.Model):
    """A step in an idea's public history."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status change")
        PROGRESS = "progress", _("progress update")
        EDIT = "edit", _("edited by a moderator")
        MERGE = "merge", _("merged idea")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status_from = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=12, choices=Status.choices, blank=True)
    # What a person wrote (an answer, a reason, a note), kept as written.
    text = models.TextField(blank=True)
    # What the system says: an English msgid and its parameters, translated when shown.
    message = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    progress = models.ForeignKey(
        IdeaProgress, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.get_kind_display()}"

    @property
    def display_text(self) -> str:
        """The system's message in the active language, then what a person wrote."""
        parts = [gettext(self.message) % self.params if self.message else "", self.text]
        return " ".join(part for part in parts if part)
