"""Public discussions of drafts (SPEC §6, docs/discussions.md).

A `Draft` is published in `DraftVersion`s; its text is a list of `Section`s whose identity lasts
across versions (comments hang on the identity), each version holding a `SectionVersion` of every
section it keeps. Comments are the shared `veche.comments` rows (kinds "discussions.draft" and
"discussions.section"); what a discussion adds to a comment — the section, the quoted passage, a
proposal with its suggested wording and the authority's answer — is a `DraftComment` beside it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.agencies.models import Agency
from veche.comments.models import Comment
from veche.territory.models import Municipality


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Draft(models.Model):
    class Status(models.TextChoices):
        PREPARATION = "preparation", _("in preparation")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("authority"),
    )
    # None: a draft of the whole region.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("municipality"),
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_drafts",
        verbose_name=_("organizer"),
    )
    opens_at = models.DateTimeField(_("discussion opens"))
    closes_at = models.DateTimeField(_("discussion closes"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARATION
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    current_version = models.PositiveIntegerField(_("current version"), default=0)
    support_count = models.PositiveIntegerField(_("support"), default=0)
    neutral_count = models.PositiveIntegerField(_("neutral"), default=0)
    oppose_count = models.PositiveIntegerField(_("oppose"), default=0)
    report_summary = models.TextField(_("report summary"), max_length=5000, blank=True)
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("draft under discussion")
        verbose_name_plural = _("drafts under discussion")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="draft_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(report_published_at__isnull=True) | Q(status="published"),
                name="draft_report_only_when_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def phase_at(self, moment) -> str:
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase).label)

    @property
    def rating_count(self) -> int:
        return self.support_count + self.neutral_count + self.oppose_count


class DraftFile(models.Model):
    """A file attached to the draft (an annex, a scheme), cleaned by veche.media and served only
    as a download."""

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="files", verbose_name=_("draft")
    )
    file = models.FileField(_("file"), upload_to="discussions/%Y/%m/")
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("attached"), default=timezone.now)

    class Meta:
        verbose_name = _("file of a draft")
        verbose_name_plural = _("files of drafts")
        ordering = ["draft", "pk"]

    def __str__(self) -> str:
        return self.name


class DraftVersion(models.Model):
    """One published wording of the draft; number 1 is the first."""

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="versions", verbose_name=_("draft")
    )
    number = models.PositiveIntegerField(_("number"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("version of a draft")
        verbose_name_plural = _("versions of drafts")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="draft_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} v{self.number}"


class Section(models.Model):
    """A section's identity across versions: comments on it stay when it is renamed, edited or
    removed (`removed_in`: the version that no longer has it)."""

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="sections", verbose_name=_("draft")
    )
    added_in = models.PositiveIntegerField(_("added in version"), default=1)
    removed_in = models.PositiveIntegerField(_("removed in version"), null=True, blank=True)
    # The current wording, copied from the latest SectionVersion so a page reads one row.
    heading = models.CharField(_("heading"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["draft", "position", "pk"]
        indexes = [models.Index(fields=["draft", "position"])]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("discussions:section", args=[self.draft_id, self.pk])

    @property
    def is_removed(self) -> bool:
        return self.removed_in is not None


class SectionVersion(models.Model):
    """A section's wording in one version: its Markdown source and the sanitized HTML shown."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="versions", verbose_name=_("section")
    )
    version = models.PositiveIntegerField(_("version"))
    position = models.PositiveIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=300)
    text = models.TextField(_("text"), max_length=100_000)
    html = models.TextField(_("HTML"))

    class Meta:
        verbose_name = _("section wording")
        verbose_name_plural = _("section wordings")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="section_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.heading} (v{self.version})"


class Outcome(models.TextChoices):
    # A context of their own: «учтено», not the «принято» of other apps' "accepted".
    ACCEPTED = "accepted", pgettext_lazy("proposal", "accepted")
    PARTIAL = "partial", pgettext_lazy("proposal", "partially accepted")
    REJECTED = "rejected", pgettext_lazy("proposal", "rejected")


class DraftComment(models.Model):
    """What a discussion adds to a shared comment: where it points (the whole draft, a section,
    a passage of it) and, for a proposal, the wording suggested and the authority's answer."""

    comment = models.OneToOneField(
        Comment,
        on_delete=models.CASCADE,
        related_name="draft_note",
        verbose_name=_("comment"),
    )
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="notes", verbose_name=_("draft")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("section"),
    )
    version = models.PositiveIntegerField(_("version commented"), default=1)
    passage = models.TextField(_("quoted passage"), max_length=2000, blank=True)
    is_proposal = models.BooleanField(_("proposal"), default=False)
    wording = models.TextField(_("suggested wording"), max_length=2000, blank=True)
    outcome = models.CharField(_("answer"), max_length=20, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        indexes = [models.Index(fields=["draft", "is_proposal"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(is_proposal=True), name="draft_answer_only_proposals"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(reason=""),
                name="draft_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(passage="") | Q(section__isnull=False),
                name="draft_passage_in_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.comment_id}"


class Rating(models.Model):
    class Value(models.TextChoices):
        SUPPORT = "support", _("I support it")
        NEUTRAL = "neutral", _("Neutral")
        OPPOSE = "oppose", _("I oppose it")

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("draft")
    )
    # None after the resident deleted his account: the rating stays counted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_ratings",
        verbose_name=_("resident"),
    )
    value = models.CharField(_("rating"), max_length=10, choices=Value.choices)
    rated_at = models.DateTimeField(_("rated"), default=timezone.now)

    class Meta:
        verbose_name = _("rating of a draft")
        verbose_name_plural = _("ratings of drafts")
        constraints = [
            models.UniqueConstraint(fields=["draft", "user"], name="draft_rating_once"),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.value}"

    def counter(self) -> str:
        return f"{self.value}_count"
