"""Reads of polls, each a constant number of queries. Results are read from the counter tables
the ballot service keeps (never by counting ballots); `counter_mismatches` recounts from the
rows, for tests and bench/integrity.py."""

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.participation import people_per_day
from veche.staff.models import Role
from veche.staff.predicates import (
    is_moderator,
    is_municipal_admin,
    is_regional_admin,
    municipality_scope,
)
from veche.territory.models import Municipality

from .models import (
    Answer,
    Ballot,
    BallotGroupCount,
    Dimension,
    GroupCount,
    Measure,
    MunicipalityCount,
    Option,
    OptionCount,
    Phase,
    PointCount,
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    ResultsVisibility,
    TextStatus,
)
from .services.ballots import MUNICIPALITY

# Approved words shown per question on the results page.
TEXTS_SHOWN = 20


# --- Lists ------------------------------------------------------------------------------------


def in_phase(polls: QuerySet[Poll], phase: str, now: datetime | None = None) -> QuerySet[Poll]:
    now = now or timezone.now()
    if phase == Phase.UPCOMING:
        return polls.filter(opens_at__gt=now).order_by("opens_at", "pk")
    if phase == Phase.OPEN:
        return polls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")
    if phase == Phase.CLOSED:
        return polls.filter(closes_at__lte=now).order_by("-closes_at", "-pk")
    return polls


def poll_list(*, phase: str = "", municipality: Municipality | None = None) -> QuerySet[Poll]:
    """Published polls, filtered: a municipality's list includes the region-wide polls."""
    polls = Poll.objects.filter(status=PollStatus.PUBLISHED).select_related("municipality")
    if municipality is not None:
        polls = polls.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return in_phase(polls, phase)


def managed_polls(user) -> QuerySet[Poll]:
    """The polls this organizer runs (drafts included): a regional admin's all, a municipal
    admin's those of his municipalities."""
    polls = Poll.objects.select_related("municipality").order_by("-created_at", "-pk")
    if is_regional_admin(user):
        return polls
    if not is_municipal_admin(user):
        return polls.none()
    scope = municipality_scope(user, Role.MUNICIPAL_ADMIN)
    if scope is None:
        return polls.filter(municipality__isnull=False)
    return polls.filter(municipality_id__in=scope)


def poll_detail(pk: int) -> Poll:
    """The poll with its questions and their options (three queries)."""
    return (
        Poll.objects.select_related("municipality", "organizer")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("shown_if__question").prefetch_related(
                    "options"
                ),
            )
        )
        .get(pk=pk)
    )


def poll_row(pk: int) -> Poll:
    """The poll with its territory, without its questions (one query): for a ballot, whose
    service reads the questions again under the poll's lock, and for results, read from the
    counters."""
    return Poll.objects.select_related("municipality").get(pk=pk)


def questions_of(poll: Poll) -> list[Question]:
    return list(poll.questions.all())


# --- The voter's own --------------------------------------------------------------------------


def my_ballot(user, poll: Poll) -> Ballot | None:
    """The user's ballot in the poll with its answers (two queries), or None."""
    if not user.is_authenticated:
        return None
    return (
        Ballot.objects.filter(poll=poll, voter=user)
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question", "option"))
        )
        .first()
    )


def my_ballots(user) -> QuerySet[Ballot]:
    """The cabinet's «My votes»: his ballots, newest first, with their polls."""
    return (
        Ballot.objects.filter(voter=user)
        .select_related("poll__municipality")
        .order_by("-cast_at", "-pk")
    )


def voted_poll_ids(user, polls) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Ballot.objects.filter(voter=user, poll__in=[p.pk for p in polls]).values_list(
            "poll_id", flat=True
        )
    )


# --- Results ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One bar: an option with its count and share (of the question's answers). `label`,
    `count`, `share` are what core's chart component reads."""

    option: Option
    label: str
    count: int
    share: float
    points: int = 0


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[Row] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == QuestionKind.RANKING

    @property
    def caption_id(self) -> str:
        return f"bars-{self.question.pk}"


def option_label(option: Option, question: Question | None = None) -> str:
    """An option as voters read it: «other» in the reader's language, a scale's end points with
    their words («1 — совсем не удовлетворён»)."""
    if option.is_other:
        return _("Other (your answer)")
    if question is not None and question.kind == QuestionKind.SCALE:
        ends = {1: question.scale_min_label, question.scale_max: question.scale_max_label}
        if ends.get(option.value):
            return f"{option.value} — {ends[option.value]}"
    return option.text


def results(poll: Poll) -> list[QuestionResult]:
    """Every question's counts and shares (a ranking ordered by its Borda points) and the
    approved words of its free-text answers. Three queries, whatever the number of ballots."""
    questions = list(
        Question.objects.filter(poll=poll).prefetch_related(
            Prefetch("options", queryset=Option.objects.select_related("tally"))
        )
    )
    texts = _approved_texts(poll)
    out = []
    for question in questions:
        result = QuestionResult(question, question.answer_count, texts=texts.get(question.pk, []))
        for option in question.options.all():
            tally = getattr(option, "tally", None)
            count = tally.count if tally else 0
            result.rows.append(
                Row(
                    option,
                    option_label(option, question),
                    count,
                    count / question.answer_count if question.answer_count else 0.0,
                    tally.points if tally else 0,
                )
            )
        if result.is_ranking:
            result.rows.sort(key=lambda row: (-row.points, row.option.position))
        out.append(result)
    return out


def _approved_texts(poll: Poll) -> dict[int, list[str]]:
    rows = (
        Answer.objects.filter(question__poll=poll, text_status=TextStatus.APPROVED)
        .order_by("-created_at", "-pk")
        .values_list("question_id", "text")[: TEXTS_SHOWN * 20]
    )
    found: dict[int, list[str]] = defaultdict(list)
    for question_id, text in rows:
        if len(found[question_id]) < TEXTS_SHOWN:
            found[question_id].append(text)
    return found


@dataclass
class Column:
    key: str
    label: str
    ballots: int


@dataclass
class BreakdownRow:
    label: str
    counts: list[int]
    shares: list[float]

    @property
    def cells(self) -> list[tuple[int, float]]:
        return list(zip(self.counts, self.shares, strict=True))


@dataclass
class Breakdown:
    """A table per question: its options down, the groups (municipalities, age groups …)
    across; a share is of the group's ballots."""

    dimension: str
    columns: list[Column]
    questions: list[tuple[Question, list[BreakdownRow]]]


def _group_label(dimension: str, value: str, names: dict[int, str]) -> str:
    if dimension == MUNICIPALITY:
        return names.get(int(value), _("not known"))
    from veche.territory.models import Settlement

    from .models import AgeGroup, Sex

    choices = {
        Dimension.AGE: AgeGroup,
        Dimension.SEX: Sex,
        Dimension.SETTLEMENT: Settlement.Kind,
    }[dimension]
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def breakdown(poll: Poll, dimension: str) -> Breakdown:
    """Counts by municipality (`dimension="municipality"`) or demographic group, from the
    counter tables: four queries."""
    participation = list(
        BallotGroupCount.objects.filter(poll=poll, dimension=dimension).order_by("value")
    )
    names = {}
    if dimension == MUNICIPALITY:
        ids = [int(p.value) for p in participation if p.value != "0"]
        names = dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))
    columns = [
        Column(p.value, _group_label(dimension, p.value, names), p.count) for p in participation
    ]
    columns.sort(key=lambda c: c.label)
    if dimension == MUNICIPALITY:
        counts = MunicipalityCount.objects.filter(question__poll=poll).values_list(
            "option_id", "municipality_key", "count"
        )
        cells = {(o, str(k)): c for o, k, c in counts}
    else:
        counts = GroupCount.objects.filter(question__poll=poll, dimension=dimension).values_list(
            "option_id", "value", "count"
        )
        cells = {(o, v): c for o, v, c in counts}
    tables = []
    for question in Question.objects.filter(poll=poll).prefetch_related("options"):
        if not question.has_options:
            continue
        rows = []
        for option in question.options.all():
            numbers = [cells.get((option.pk, column.key), 0) for column in columns]
            rows.append(
                BreakdownRow(
                    option_label(option, question),
                    numbers,
                    [
                        n / c.ballots if c.ballots else 0.0
                        for n, c in zip(numbers, columns, strict=True)
                    ],
                )
            )
        tables.append((question, rows))
    return Breakdown(dimension, columns, tables)


def channel_counts(poll: Poll) -> dict[str, int]:
    return {"web": poll.ballot_count - poll.paper_ballot_count, "paper": poll.paper_ballot_count}


def point_counts(poll: Poll) -> list[PointCount]:
    """Paper ballots by voting point, from their counters (one query), most first."""
    return list(
        PointCount.objects.filter(poll=poll, count__gt=0)
        .select_related("voting_point")
        .order_by("-count", "voting_point__title")
    )


# --- Satisfaction -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SatisfactionFigure:
    """One satisfaction survey's figure: the positive share of a measuring question's answers."""

    poll_id: int
    poll_title: str
    municipality_id: int | None
    closes_at: datetime
    measure: str  # Measure: "satisfaction" or "loyalty"
    positive: int
    answers: int

    @property
    def share(self) -> float:
        return self.positive / self.answers if self.answers else 0.0


def satisfaction_figures(
    *, polls: QuerySet[Poll] | None = None, municipality_id: int | None = None
) -> list[SatisfactionFigure]:
    """The figures of published satisfaction surveys (analytics reads these): one query."""
    polls = polls if polls is not None else Poll.objects.all()
    polls = polls.filter(status=PollStatus.PUBLISHED, is_satisfaction_survey=True)
    if municipality_id is not None:
        polls = polls.filter(municipality_id=municipality_id)
    rows = (
        Question.objects.filter(poll__in=polls)
        .exclude(measures=Measure.NONE)
        .annotate(
            positive=Sum("options__tally__count", filter=Q(options__is_positive=True), default=0)
        )
        .values_list(
            "poll_id",
            "poll__title",
            "poll__municipality_id",
            "poll__closes_at",
            "measures",
            "positive",
            "answer_count",
        )
        .order_by("-poll__closes_at", "poll_id", "position")
    )
    return [SatisfactionFigure(*row) for row in rows]


# --- Exports and integrity --------------------------------------------------------------------


def pseudonym(poll_id: int, voter_id: int | None, ballot_id: int) -> str:
    """A per-poll pseudonym of the voter: the same person has the same one within a poll and
    unrelated ones across polls; an anonymised ballot keeps a pseudonym of its own row."""
    message = f"polls:{poll_id}:{voter_id if voter_id is not None else f'ballot-{ballot_id}'}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:16]


def ballot_rows_for_export(poll: Poll) -> Iterator[dict]:
    """One dict per answer, streamed: pseudonym, cast time, channel, municipality id, question,
    option, rank, and the words («other» beside its option; words a moderator rejected are left
    out: they may carry personal data). Never a name, e-mail or phone. The export goes to the
    poll's organizers, not to the public."""
    answers = (
        Answer.objects.filter(ballot__poll=poll)
        .order_by("ballot_id", "question__position", "question_id", "rank", "pk")
        .values_list(
            "ballot_id",
            "ballot__voter_id",
            "ballot__cast_at",
            "ballot__channel",
            "ballot__municipality_id",
            "question_id",
            "question__text",
            "option__text",
            "option__is_other",
            "rank",
            "text",
            "text_status",
        )
    )
    for (ballot_id, voter_id, cast_at, channel, municipality_id, question_id, question, option,
         is_other, rank, text, status) in answers.iterator(chunk_size=2000):  # fmt: skip
        yield {
            "voter": pseudonym(poll.pk, voter_id, ballot_id),
            "cast_at": cast_at,
            "channel": channel,
            "municipality_id": municipality_id,
            "question_id": question_id,
            "question": question,
            "option": option_label_text(option, is_other),
            "rank": rank,
            "text": "" if status == TextStatus.REJECTED else text,
        }


def option_label_text(text: str | None, is_other: bool | None) -> str:
    if text is None:
        return ""
    return _("Other (your answer)") if is_other else text


def counter_mismatches(poll: Poll) -> list[str]:
    """Where the counters differ from a recount of the ballot rows (empty: they agree)."""
    problems = []
    ballots = Ballot.objects.filter(poll=poll).count()
    poll.refresh_from_db(fields=["ballot_count"])
    if poll.ballot_count != ballots:
        problems.append(f"poll: {poll.ballot_count} counted, {ballots} ballots")
    answers = Answer.objects.filter(question__poll=poll)
    per_question = dict(
        answers.values("question_id")
        .annotate(n=Count("ballot_id", distinct=True))
        .values_list("question_id", "n")
    )
    for question_id, counted in Question.objects.filter(poll=poll).values_list(
        "pk", "answer_count"
    ):
        if counted != per_question.get(question_id, 0):
            problems.append(
                f"question {question_id}: {counted} counted, "
                f"{per_question.get(question_id, 0)} answered"
            )
    per_option = dict(
        answers.filter(option__isnull=False)
        .values("option_id")
        .annotate(n=Count("pk"))
        .values_list("option_id", "n")
    )
    for option_id, counted in OptionCount.objects.filter(question__poll=poll).values_list(
        "option_id", "count"
    ):
        if counted != per_option.get(option_id, 0):
            problems.append(
                f"option {option_id}: {counted} counted, {per_option.get(option_id, 0)} chosen"
            )
    by_place = dict(
        ((o, m or 0), n)
        for o, m, n in answers.filter(option__isnull=False)
        .values("option_id", "ballot__municipality_id")
        .annotate(n=Count("pk"))
        .values_list("option_id", "ballot__municipality_id", "n")
    )
    stored = {
        (o, m): c
        for o, m, c in MunicipalityCount.objects.filter(question__poll=poll).values_list(
            "option_id", "municipality_key", "count"
        )
        if c
    }
    if stored != by_place:
        problems.append("counts by municipality differ from the ballots")
    return problems


# --- Moderation -------------------------------------------------------------------------------


def answers_pending_for(user) -> QuerySet[Answer]:
    """Words awaiting moderation that this moderator may decide, oldest first."""
    pending = (
        Answer.objects.filter(text_status=TextStatus.PENDING)
        .select_related("question", "ballot__poll__municipality", "option")
        .order_by("created_at", "pk")
    )
    if is_regional_admin(user):
        return pending
    if not is_moderator(user):
        return pending.none()
    scope = municipality_scope(user, Role.MODERATOR)
    if scope is None:
        return pending
    return pending.filter(ballot__poll__municipality_id__in=scope)


def ballot_total(*, municipality_id: int | None = None) -> int:
    """Ballots cast in published polls: the sum of their counters (analytics reads it; one
    query, no scan of the ballots)."""
    polls = Poll.objects.filter(status=PollStatus.PUBLISHED)
    if municipality_id is not None:
        polls = polls.filter(municipality_id=municipality_id)
    return polls.aggregate(total=Sum("ballot_count", default=0))["total"]


def published_results(now: datetime | None = None) -> QuerySet[Poll]:
    """Finished polls whose results everyone may see (the open-data catalogue publishes them):
    closed, and either shown after closing (or live) or published by the organizer."""
    now = now or timezone.now()
    shown = ~Q(results_visibility=ResultsVisibility.ON_PUBLICATION) | Q(
        results_published_at__isnull=False
    )
    return (
        Poll.objects.filter(status=PollStatus.PUBLISHED, closes_at__lte=now)
        .filter(shown)
        .select_related("municipality")
        .order_by("pk")
    )


def voters_by_day(*, since, until) -> list[tuple]:
    """(local day, municipality id, distinct voters, ballots) of the ballots cast on the days from
    `since` to `until`, web and paper, placed by the voter's municipality when he voted (else the
    poll's); analytics' participation. One grouped query."""
    ballots = Ballot.objects.annotate(place=Coalesce("municipality_id", "poll__municipality_id"))
    return people_per_day(
        ballots, moment="cast_at", municipality="place", person="voter_id", since=since,
        until=until,
    )  # fmt: skip
