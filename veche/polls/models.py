"""Polls and surveys (SPEC §5, docs/polls.md).

A poll has a period (opens → closes, checked in order by the database), an eligibility rule and a
results-visibility rule; its questions and their options are edited by its organizers until the
first ballot, then frozen. A ballot holds all answers of one person to one poll (one per person:
a unique constraint) with the voter's municipality and demographic group as they were when he
voted. Results are read from counter tables the ballot service updates in its own transaction
(per option, per option × municipality, per option × demographic group), never by counting
ballots at read time.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality
from veche.voting.models import Channel, VotingPoint

MAX_TEXT_ANSWER = 1000


class Eligibility(models.TextChoices):
    REGISTERED = "registered", _("any registered resident")
    VERIFIED = "verified", _("verified residents only")
    RESIDENTS = "residents", _("residents of the territory")


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("live, while the poll is open")
    AFTER_CLOSING = "after_closing", _("after the poll closes")
    ON_PUBLICATION = "on_publication", _("when the organizer publishes them")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Phase(models.TextChoices):
    """Where the calendar puts a published poll (computed, never stored)."""

    UPCOMING = "upcoming", pgettext_lazy("polls", "upcoming")
    OPEN = "open", pgettext_lazy("polls", "under way")
    CLOSED = "closed", pgettext_lazy("polls", "finished")


class Poll(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organized_polls",
        verbose_name=_("organizer"),
    )
    # None: the whole region.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="polls",
        verbose_name=_("territory"),
    )
    cover = models.ImageField(_("cover image"), upload_to="polls/covers/%Y/%m/", blank=True)
    cover_thumbnail = models.ImageField(upload_to="polls/covers/thumbs/%Y/%m/", blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligibility = models.CharField(
        _("who may vote"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.REGISTERED,
    )
    results_visibility = models.CharField(
        _("results are shown"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSING,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PollStatus.choices, default=PollStatus.DRAFT
    )
    asks_demographics = models.BooleanField(
        _("asks age group, sex and settlement kind"), default=False
    )
    is_satisfaction_survey = models.BooleanField(_("satisfaction survey"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    # Counters, updated by the ballot service in the ballot's transaction.
    ballot_count = models.PositiveIntegerField(_("ballots"), default=0)
    paper_ballot_count = models.PositiveIntegerField(_("paper ballots"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="poll_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(paper_ballot_count__lte=F("ballot_count")),
                name="poll_paper_ballots_within_ballots",
            ),
            models.CheckConstraint(
                condition=~Q(status=PollStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="poll_published_has_moment",
            ),
        ]
        indexes = [models.Index(fields=["status", "opens_at"], name="poll_status_opens")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("polls:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == PollStatus.PUBLISHED

    def phase_at(self, moment=None) -> Phase:
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> Phase:
        return self.phase_at()


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    RANKING = "ranking", _("ranking")
    TEXT = "text", _("free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Measure(models.TextChoices):
    """What a satisfaction survey's question measures (its positive share is the figure)."""

    NONE = "", _("nothing")
    SATISFACTION = "satisfaction", _("satisfaction with the authorities")
    LOYALTY = "loyalty", _("loyalty")


class Question(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="questions", verbose_name=_("poll")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500)
    hint = models.CharField(_("hint"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    is_required = models.BooleanField(_("required"), default=True)
    # Multiple choice: at most this many options (None: any number).
    max_choices = models.PositiveSmallIntegerField(_("at most (choices)"), null=True, blank=True)
    # Scale: 1..scale_max, with words at both ends.
    scale_max = models.PositiveSmallIntegerField(_("scale up to"), null=True, blank=True)
    scale_min_label = models.CharField(_("label of 1"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("label of the top"), max_length=100, blank=True)
    allows_other = models.BooleanField(_("allows «other (your answer)»"), default=False)
    # Shown only when the ballot chose this option of an earlier question.
    shown_if = models.ForeignKey(
        "Option",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conditional_questions",
        verbose_name=_("shown only if chosen"),
    )
    measures = models.CharField(
        _("measures"), max_length=20, choices=Measure.choices, blank=True, default=""
    )
    # How many ballots answered it (the denominator of its shares).
    answer_count = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["poll", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="question_max_choices_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind=QuestionKind.SCALE) | Q(scale_max__gte=2, scale_max__lte=10),
                name="question_scale_between_2_and_10",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind != QuestionKind.TEXT


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("option"), max_length=300)
    image = models.ImageField(_("image"), upload_to="polls/options/%Y/%m/", blank=True)
    image_thumbnail = models.ImageField(upload_to="polls/options/thumbs/%Y/%m/", blank=True)
    # A scale's point (1..N); None for other kinds.
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    # «Other (your answer)»: the voter's words go with it.
    is_other = models.BooleanField(_("other (your answer)"), default=False)
    # A satisfaction survey: this answer counts as positive.
    is_positive = models.BooleanField(_("counts as positive"), default=False)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class AgeGroup(models.TextChoices):
    UNDER_18 = "u18", _("under 18")
    FROM_18 = "18-29", _("18–29")
    FROM_30 = "30-44", _("30–44")
    FROM_45 = "45-59", _("45–59")
    FROM_60 = "60+", _("60 and older")


class Sex(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")


class Dimension(models.TextChoices):
    """The demographic groups results break down by."""

    AGE = "age", _("age group")
    SEX = "sex", _("sex")
    SETTLEMENT = "settlement", _("settlement kind")


class Ballot(models.Model):
    # No index of their own for the poll and the voter: `ballot_one_per_voter` (poll, voter) and
    # `ballot_voter_cast` (voter, cast) begin with them, and every ballot writes each index.
    poll = models.ForeignKey(
        Poll,
        on_delete=models.CASCADE,
        related_name="ballots",
        verbose_name=_("poll"),
        db_index=False,
    )
    # None once the voter's account is deleted: the ballot stays counted, anonymous.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="poll_ballots",
        verbose_name=_("voter"),
        db_index=False,
    )
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    # The voting point where a paper ballot was entered (veche/voting).
    voting_point = models.ForeignKey(
        VotingPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voting point"),
        db_index=False,  # `ballot_voting_point`: paper ballots only
    )
    # Who entered a paper ballot (staff); None on the web.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        db_index=False,  # `ballot_entered_by`: paper ballots only
    )
    # Snapshots as they were when he voted. No index: results and breakdowns read the counters,
    # never ballots by municipality, and every ballot would write it. (Deleting a municipality,
    # reference data, would scan the ballots once.)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        db_index=False,
    )
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    settlement_kind = models.CharField(_("settlement kind"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-cast_at", "-pk"]
        constraints = [
            # One ballot per person per poll, across channels; anonymised ballots (NULL) repeat.
            models.UniqueConstraint(fields=["poll", "voter"], name="ballot_one_per_voter"),
            models.CheckConstraint(
                condition=Q(channel=Channel.PAPER) | Q(voting_point__isnull=True),
                name="ballot_voting_point_only_on_paper",
            ),
        ]
        indexes = [
            models.Index(fields=["voter", "-cast_at"], name="ballot_voter_cast"),
            # Partial: a web ballot (nearly all) has neither and writes neither index. A lookup
            # by either (`= x`, `IN`) implies NOT NULL, so both databases use them.
            models.Index(
                fields=["voting_point"],
                condition=Q(voting_point__isnull=False),
                name="ballot_voting_point",
            ),
            models.Index(
                fields=["entered_by"],
                condition=Q(entered_by__isnull=False),
                name="ballot_entered_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}/{self.pk}"


class TextStatus(models.TextChoices):
    # A voter's words: «ответ одобрен / отклонён» (other apps' "approved" speak of other things).
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", pgettext_lazy("voter's words", "approved")
    REJECTED = "rejected", pgettext_lazy("voter's words", "rejected")


class Answer(models.Model):
    """One answer of a ballot: an option chosen (with its rank for a ranking question), or the
    voter's words (a free-text question, or «other» beside its option)."""

    ballot = models.ForeignKey(
        Ballot,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("ballot"),
        db_index=False,  # `answer_option_once_per_ballot` (ballot, option) begins with it
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, max_length=MAX_TEXT_ANSWER)
    # Words wait for a moderator before they are shown anywhere public.
    text_status = models.CharField(
        _("moderation"), max_length=10, choices=TextStatus.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["ballot", "question", "rank", "pk"]
        constraints = [
            # Whole, not partial: it is also the ballot's index. Words without an option (NULL)
            # never collide: both databases hold NULLs distinct.
            models.UniqueConstraint(
                fields=["ballot", "option"], name="answer_option_once_per_ballot"
            ),
            models.CheckConstraint(
                condition=Q(option__isnull=False) | ~Q(text=""), name="answer_has_option_or_text"
            ),
            models.CheckConstraint(
                condition=Q(text="") | ~Q(text_status=""), name="answer_text_has_status"
            ),
        ]
        # The moderation queue, oldest first: only words awaiting it (an option's answer has no
        # words, and each ballot would write five entries in the middle of a whole index).
        # The approved words of a poll's questions, newest first (the results page): also only
        # those, few, which a ballot never writes.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(text_status=TextStatus.PENDING),
                name="answer_text_queue",
            ),
            models.Index(
                fields=["question", "created_at"],
                condition=Q(text_status=TextStatus.APPROVED),
                name="answer_text_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.question_id}"


class OptionCount(models.Model):
    """How many ballots chose the option (for a ranking: ranked it) and its Borda points."""

    option = models.OneToOneField(
        Option, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tallies")
    count = models.PositiveIntegerField(default=0)
    points = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("option count")
        verbose_name_plural = _("option counts")

    def __str__(self) -> str:
        return f"{self.option_id}: {self.count}"


class MunicipalityCount(models.Model):
    """Option × the voter's municipality at voting time (None: no municipality known)."""

    # The unique constraint begins with the option: no index of its own.
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    # 0 stands for «not known», so the unique constraint holds without NULLs.
    municipality_key = models.PositiveIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("count by municipality")
        verbose_name_plural = _("counts by municipality")
        constraints = [
            models.UniqueConstraint(
                fields=["option", "municipality_key"], name="municipality_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.option_id}@{self.municipality_key}: {self.count}"


class GroupCount(models.Model):
    """Option × one demographic group (age group, sex or settlement kind)."""

    # The unique constraint begins with the option: no index of its own.
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    value = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("count by group")
        verbose_name_plural = _("counts by group")
        constraints = [
            models.UniqueConstraint(
                fields=["option", "dimension", "value"], name="group_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.option_id}@{self.dimension}={self.value}: {self.count}"


class BallotGroupCount(models.Model):
    """Ballots per municipality and per demographic group of a poll (participation)."""

    # The unique constraint begins with the poll: no index of its own.
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+", db_index=False)
    dimension = models.CharField(max_length=20)  # "municipality" or a Dimension
    value = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "dimension", "value"], name="ballot_group_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}@{self.dimension}={self.value}: {self.count}"


class PointCount(models.Model):
    """Paper ballots of a poll entered at one voting point, counted as they are entered, so the
    results show each point's count without counting ballots."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="point_counts")
    voting_point = models.ForeignKey(VotingPoint, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("count by voting point")
        verbose_name_plural = _("counts by voting point")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voting_point"], name="point_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}@{self.voting_point_id}: {self.count}"
