"""A resident's problem report and everything that happens to it (SPEC §3).

Lifecycle: submitted → rejected | routed → in_progress → answered → closed, with the side roads
duplicate, declined (agency declines jurisdiction, back to a moderator) and a dispute (answered →
in_progress). Every transition is a service function (services/) that writes a TimelineEntry.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.supports.models import SupportBase
from veche.territory.models import Municipality, Settlement

from .catalogue import RejectionReason, Topic


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting moderation")
    REJECTED = "rejected", _("rejected")
    ROUTED = "routed", _("sent to the agency")
    DECLINED = "declined", _("being re-routed")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    DUPLICATE = "duplicate", _("duplicate")
    # A proposal rather than a problem: a moderator moved it to the ideas (moved_to says where).
    IDEA = "idea", _("turned into an idea")


# Published reports are public; these never are.
UNPUBLISHED = [Status.SUBMITTED, Status.REJECTED]
# Finished: nothing more happens to these.
FINISHED = [Status.CLOSED, Status.DUPLICATE, Status.IDEA]
# The agency still owes an answer: the deadline runs.
AWAITING_ANSWER = [Status.ROUTED, Status.IN_PROGRESS]


class Channel(models.TextChoices):
    WEB = "web", _("website")
    API = "api", _("mobile app / API")
    OPEN311 = "open311", _("Open311")
    OPERATOR = "operator", _("contact centre")
    CHATBOT = "chatbot", _("chatbot")


class Report(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("author"),
    )
    # The contact-centre operator who entered it on the author's behalf, if any.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # A retried submission carries the same token and gets the same report back.
    client_token = models.CharField(  # noqa: DJ001 - NULL keeps tokenless reports out of the index
        _("client token"), max_length=64, null=True, blank=True
    )

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="reports", verbose_name=_("topic")
    )
    text = models.TextField(_("text"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("municipality"),
    )
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("settlement"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    # Answers to the topic's extra questions (Open311 attributes): {code: value or [values]}.
    attributes = models.JSONField(_("extra answers"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    rejection_reason = models.ForeignKey(
        RejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("rejection reason"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("agency"),
    )
    # Where the report lives on when another module took it over (an idea's page).
    moved_to = models.CharField(_("continued at"), max_length=300, blank=True)
    routed_at = models.DateTimeField(_("routed"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True, db_index=True)
    extension_reason = models.TextField(_("reason for extension"), blank=True)
    extended_at = models.DateTimeField(_("deadline extended"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    support_count = models.PositiveIntegerField(_("supports"), default=0)
    # Russian word stems of the text, topic and address: full-text search on any database.
    search_stems = models.TextField(editable=False, blank=True)
    # What the report is about besides its place: an object of a higher app (reports/subjects.py),
    # e.g. ("infrastructure.facility", 42). Empty for most reports.
    subject_kind = models.CharField(_("about (kind)"), max_length=50, blank=True, default="")
    subject_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [
            # The list page: a municipality's reports of a status, newest first.
            models.Index(
                fields=["municipality", "status", "-created_at"], name="report_list_by_place"
            ),
            models.Index(fields=["agency", "status", "due_at"], name="report_agency_inbox"),
            models.Index(fields=["lat", "lon"], name="report_point"),
            models.Index(fields=["-support_count"], name="report_by_support"),
            models.Index(fields=["subject_kind", "subject_id"], name="report_about"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=Q(client_token__isnull=False),
                name="report_unique_client_token",
            ),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="report_point_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DUPLICATE) | Q(duplicate_of__isnull=False),
                name="report_duplicate_has_original",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED) | Q(rejection_reason__isnull=False),
                name="report_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED])
                | Q(agency__isnull=False, due_at__isnull=False),
                name="report_routed_has_agency_and_due",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("pk")), name="report_not_duplicate_of_itself"
            ),
            models.CheckConstraint(
                condition=Q(subject_kind="", subject_id__isnull=True)
                | (~Q(subject_kind="") & Q(subject_id__isnull=False)),
                name="report_subject_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.IDEA) | ~Q(moved_to=""), name="report_idea_has_link"
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status not in UNPUBLISHED

    @property
    def extended(self) -> bool:
        return self.extended_at is not None


class ReportMedia(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        VIDEO = "video", _("video")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="media", verbose_name=_("report")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="reports/thumbs/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · № {self.report_id}"


class Support(SupportBase):
    """One resident's support of a report; the unique constraint makes it count once
    (veche.supports counts it: reports/services/supports.py)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="supports")
    # The reverse name it had before the shared base (the base would say "reports_supports").
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_supports"
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="support_once_per_resident"),
        ]

    def __str__(self) -> str:
        return f"№ {self.report_id} · {self.user_id}"


class Answer(models.Model):
    class Kind(models.TextChoices):
        RESOLVED = "resolved", _("resolved")
        SCHEDULED = "scheduled", _("scheduled")
        REFUSED = "refused", _("refused with reasons")

    class Verdict(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed by the author")
        DISPUTED = "disputed", _("disputed by the author")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="answers", verbose_name=_("report")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("agency"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("official"),
    )
    kind = models.CharField(_("answer"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    # Citizen control: the author's verdict and rating of this answer.
    verdict = models.CharField(
        _("author's verdict"), max_length=10, choices=Verdict.choices, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(kind="scheduled") | Q(planned_date__isnull=False),
                name="answer_scheduled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · № {self.report_id}"


class AnswerFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="answers/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class TimelineEntry(models.Model):
    """A step in a report's history. Internal notes (is_public=False) are for staff only."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status change")
        ANSWER = "answer", _("answer")
        NOTE = "note", _("internal note")
        REDACTION = "redaction", _("personal data redacted")
        EXTENSION = "extension", _("deadline extended")
        SUPPORT_THRESHOLD = "threshold", _("support threshold reached")
        ESCALATION = "escalation", _("escalated")
        REASSIGNMENT = "reassignment", _("reassignment requested")
        RATING = "rating", _("rated by the author")
        PRESS = "press", _("publication in the media")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status_from = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=12, choices=Status.choices, blank=True)
    # What a person wrote (a reason, an answer, a note), kept as written.
    text = models.TextField(blank=True)
    # What the system says, as an English msgid with its parameters, translated when shown so each
    # reader sees it in his language.
    message = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"№ {self.report_id} · {self.get_kind_display()}"

    @property
    def display_text(self) -> str:
        """The system's message in the active language, then what a person wrote."""
        parts = [gettext(self.message) % self.params if self.message else "", self.text]
        return " ".join(part for part in parts if part)
