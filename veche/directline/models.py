"""The direct line: a campaign before a live event (the governor's or a head's) collects
questions through the portal (text or a short video) and, entered by staff, by phone or letter;
after the event every question gets its answer (docs/directline.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from veche.supports.models import SupportBase
from veche.territory.models import Municipality


class Channel(models.TextChoices):
    PORTAL = "portal", _("portal, text")
    VIDEO = "video", _("portal, video")
    PHONE = "phone", _("phone")
    LETTER = "letter", _("letter")


# Why a moderator declines a question: code → message id, translated where it is shown (the
# moderation queue, the staff page, the asker's notice).
REJECT_REASONS = {
    "off_topic": gettext_noop("not a question to the direct line"),
    "offensive": gettext_noop("offensive or obscene language"),
    "personal_data": gettext_noop("another person's personal data"),
}

RESIDENT_CHANNELS = (Channel.PORTAL, Channel.VIDEO)
STAFF_CHANNELS = (Channel.PHONE, Channel.LETTER)


class QuestionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("direct line question", "awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("direct line question", "published")
    REJECTED = "rejected", pgettext_lazy("direct line question", "rejected")


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    # None: the whole region (the governor's line).
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directline_campaigns",
        verbose_name=_("municipality"),
    )
    event_at = models.DateTimeField(_("live event"))
    recording_url = models.URLField(_("recording of the event"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("direct line")
        verbose_name_plural = _("direct lines")
        ordering = ["-event_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directline:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Question(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="questions", verbose_name=_("direct line")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # The resident who asked on the portal; None for a call or a letter entered by staff.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directline_questions",
        verbose_name=_("author"),
    )
    # Who called or wrote (staff channels): kept for the answer, never shown publicly.
    caller_name = models.CharField(_("caller"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    text = models.TextField(_("question"), max_length=2000)
    video = models.FileField(_("video"), upload_to="directline/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    answer_text = models.TextField(_("answer"), max_length=5000, blank=True)
    # Where in the event's recording the answer is given, in seconds from its start.
    answer_at_seconds = models.PositiveIntegerField(_("answer in the recording, s"), null=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("direct line questions")
        ordering = ["-support_count", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="directline_question_channel"
            ),
            models.CheckConstraint(
                condition=~Q(channel="video") | ~Q(video=""), name="directline_video_has_file"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | ~Q(answer_text="")
                | Q(answer_at_seconds__isnull=False),
                name="directline_answer_has_content",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(status="published"),
                name="directline_answered_is_published",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="directline_by_campaign")]

    def __str__(self) -> str:
        return f"№ {self.pk}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def recording_link(self) -> str:
        """The recording at the answer's moment (`t=` is what video hosts understand)."""
        url = self.campaign.recording_url
        if not url or self.answer_at_seconds is None:
            return ""
        joiner = "&" if "?" in url else "?"
        return f"{url}{joiner}t={self.answer_at_seconds}"

    @property
    def moment(self) -> str:
        seconds = self.answer_at_seconds or 0
        hours, rest = divmod(seconds, 3600)
        return (
            f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
            if hours
            else f"{rest // 60}:{rest % 60:02d}"
        )


class QuestionSupport(SupportBase):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="directline_support_once")
        ]
