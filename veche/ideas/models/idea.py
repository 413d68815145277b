"""A resident's idea (SPEC §4, seed 004 «Предлагай») and its photos and files.

Lifecycle: submitted → rejected | published → under_consideration → taken → implemented, with
declined (from published or under consideration) and merged (into another idea) beside it. Every
transition is a service (services/) that writes an IdeaTimelineEntry; transitions.py is the table.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.agencies.models import Agency
from veche.reports.models import Category, Report
from veche.territory.models import Municipality


class Status(models.TextChoices):
    # «идея опубликована / отклонена»: other apps' bare "published", "rejected" and "declined"
    # speak of reports and comments, and the first app's catalogue would win.
    SUBMITTED = "submitted", _("awaiting moderation")
    REJECTED = "rejected", pgettext_lazy("idea", "rejected")
    PUBLISHED = "published", pgettext_lazy("idea", "published")
    UNDER_CONSIDERATION = "considered", _("under consideration")
    TAKEN = "taken", _("taken for implementation")
    IMPLEMENTED = "implemented", _("implemented")
    DECLINED = "declined", pgettext_lazy("idea", "declined")
    MERGED = "merged", _("merged into another idea")


# Never public: only the author and the staff concerned see these.
UNPUBLISHED = [Status.SUBMITTED, Status.REJECTED]
# Residents may support (and withdraw their support from) ideas in these states only: the
# authority has not finished with them yet (docs/ideas.md, "Supports").
OPEN = [Status.PUBLISHED, Status.UNDER_CONSIDERATION, Status.TAKEN]


class IdeaRejectionReason(models.Model):
    """The listed reasons a moderator may reject an idea with (not the reports' list: an idea
    is not refused for lacking an address)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    text = models.CharField(_("reason"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("idea rejection reason")
        verbose_name_plural = _("idea rejection reasons")
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.text


class Idea(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("author"),
    )
    # A retried submission carries the same token and gets the same idea back.
    client_token = models.CharField(  # noqa: DJ001 - NULL keeps tokenless ideas out of the index
        _("client token"), max_length=64, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    # The reports' spheres: one catalogue for residents (docs/ideas.md, "Categories").
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("category")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("municipality")
    )
    # An optional point on the map, stored as reports store theirs.
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    rejection_reason = models.ForeignKey(
        IdeaRejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("rejection reason"),
    )
    # Taken for implementation: by whom, until when, and what the authority answered.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("responsible agency"),
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    answer = models.TextField(_("the authority's answer"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    final_note = models.TextField(_("final note"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    # The report a moderator turned into this idea, if any.
    from_report = models.OneToOneField(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        verbose_name=_("from report"),
    )

    # The crowdsourcing campaign it was proposed to, if any (campaign.py).
    campaign = models.ForeignKey(
        "ideas.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("campaign"),
    )

    # Not indexed: every support rewrites this column, and an indexed column would make each
    # rewrite touch all the table's indexes instead of being a HOT update (docs/benchmarks.md);
    # ranking a municipality's ideas by support sorts a few thousand rows at most.
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    # Russian word stems of the title and text (reports/search.py): search on any database.
    search_stems = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    implemented_at = models.DateTimeField(_("implemented"), null=True, blank=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "status", "-created_at"], name="idea_list"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=Q(client_token__isnull=False),
                name="idea_unique_client_token",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="idea_point_whole_and_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED) | Q(rejection_reason__isnull=False),
                name="idea_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.TAKEN, Status.IMPLEMENTED])
                | Q(agency__isnull=False, planned_date__isnull=False),
                name="idea_taken_has_agency_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DECLINED) | ~Q(decline_reason=""),
                name="idea_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.MERGED) | Q(merged_into__isnull=False),
                name="idea_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="idea_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.pk}: {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status not in UNPUBLISHED

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


class IdeaPhoto(models.Model):
    """A photo of the idea (the author's) or of a progress update (the agency's)."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="photos", verbose_name=_("idea")
    )
    update = models.ForeignKey(
        "ideas.IdeaProgress",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("progress update"),
    )
    file = models.ImageField(_("file"), upload_to="ideas/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="ideas/thumbs/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"№ {self.idea_id} · {self.pk}"


class IdeaFile(models.Model):
    """A document attached to the idea (a sketch, an estimate): served only as a download."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="ideas/files/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
