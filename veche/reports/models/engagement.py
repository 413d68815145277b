"""What residents add around reports: following a report, press coverage of it, and proposals
to extend the catalogue (docs/reports.md, "Following", "Press coverage", "Catalogue proposals")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import Category, Topic
from .report import Report


class ReportFollow(models.Model):
    """A person who asked to hear of a report's public news (status, answers, press)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed report")
        verbose_name_plural = _("followed reports")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="follow_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"№ {self.report_id} · {self.user_id}"


class PressLink(models.Model):
    """A media publication about a report, attached by its author or a moderator."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="press_links")
    url = models.URLField(_("address of the publication"), max_length=500)
    title = models.CharField(_("headline"), max_length=300)
    outlet = models.CharField(_("media outlet"), max_length=200)
    published_on = models.DateField(_("date of publication"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("publication in the media")
        verbose_name_plural = _("publications in the media")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "url"], name="press_link_once_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"


class CatalogueProposal(models.Model):
    """A resident's proposal of a new topic (in an existing category) or a new category."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("a new topic")
        CATEGORY = "category", _("a new category")

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="catalogue_proposals",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("what is proposed"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    reason = models.TextField(_("why it is needed"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic created"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("catalogue proposal")
        verbose_name_plural = _("catalogue proposals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="proposal_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"
