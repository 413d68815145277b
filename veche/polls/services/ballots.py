"""Casting a ballot: all answers of one person to one poll in one request and one transaction
(STYLE.md, example 4), counted as they are written.

`ballot_cast` checks the rule `polls.vote_in_poll` (saying why not), validates every answer
against the poll's questions (errors name the question, in the reader's language, and nothing
is written), then — under the poll's row lock — inserts the ballot (the unique constraint
(poll, voter) decides a race: the loser is told he has already voted and writes nothing), its
answers, and adds one to every counter the ballot touches: the poll's ballots, each answered
question, each chosen option (with its Borda points), option × municipality, option ×
demographic group, and the poll's participation by municipality and group. Results are read
from those counters only (selectors.py). Paper ballots (channel="paper", a voting point, the
staff member as `actor`) go through the same function, so one ballot per person holds across
channels."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate, is_active_user, is_verified
from veche.core.text import clean_text
from veche.staff.services import audit_log
from veche.territory.models import Settlement

from ..events import poll_event
from ..models import (
    MAX_TEXT_ANSWER,
    AgeGroup,
    Answer,
    Ballot,
    BallotGroupCount,
    Channel,
    Dimension,
    Eligibility,
    GroupCount,
    MunicipalityCount,
    Option,
    OptionCount,
    Phase,
    Poll,
    Question,
    QuestionKind,
    Sex,
    TextStatus,
)
from ..rules import lives_in, settlement_in
from ._common import lock

MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class Response:
    """One question's answer as the voter gave it: the chosen options (for a ranking, all of
    them, best first; for a scale, the point's option), the words of a free-text question or
    of «other» beside its option."""

    options: Sequence[int] = ()
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class Demographics:
    age_group: str = ""
    sex: str = ""
    settlement_kind: str = ""


@dataclass
class _Checked:
    """A valid ballot, ready to write: answer rows and what each counter gains."""

    answers: list[Answer] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)
    options: list[int] = field(default_factory=list)
    points: dict[int, int] = field(default_factory=dict)
    option_questions: dict[int, int] = field(default_factory=dict)


def already_voted() -> str:
    return _("You have already voted in this poll: one ballot per person.")


def vote_refusal(user, poll: Poll) -> str | None:
    """Why this user may not vote in this poll now, in words; None if he may."""
    if user.has_perm("polls.vote_in_poll", poll):
        return None
    if refusal := _period_refusal(poll):
        return refusal
    if not can_participate(user):
        return _("Sign in with a confirmed e-mail to vote.")
    if poll.eligibility == "verified" and not is_verified(user):
        return _("Only residents whose identity is verified vote in this poll.")
    if poll.eligibility == "residents" and not lives_in(user, poll):
        return _(
            "Only residents of %(territory)s vote in this poll (by the settlement in your profile)."
        ) % {"territory": poll.municipality.name if poll.municipality else _("the region")}
    return _("You may not vote in this poll.")


def _period_refusal(poll: Poll) -> str | None:
    if not poll.is_published:
        return _("This poll is not published.")
    phase = poll.phase
    if phase == Phase.UPCOMING:
        return _("Voting has not opened yet.")
    if phase == Phase.CLOSED:
        return _("Voting is closed.")
    return None


@dataclass(frozen=True, kw_only=True)
class PaperIdentity:
    """What a voting point's staff member established in person about a paper voter: the
    settlement he lives in and whether an identity document was seen. On paper it stands for
    what the portal knows of a web voter (a confirmed e-mail, a verified identity, the profile's
    settlement); docs/polls.md, "Paper ballots"."""

    settlement: Settlement | None = None
    document_seen: bool = False

    def refusal(self, voter, poll: Poll) -> str | None:
        if refusal := _period_refusal(poll):
            return refusal
        if not is_active_user(voter):
            return _("This account is closed.")
        if poll.eligibility == Eligibility.VERIFIED and not (
            self.document_seen or is_verified(voter)
        ):
            return _("Only residents whose identity is verified vote in this poll.")
        if poll.eligibility == Eligibility.RESIDENTS and not settlement_in(self.settlement, poll):
            return _(
                "Only residents of %(territory)s vote in this poll (by the settlement in your "
                "profile)."
            ) % {"territory": poll.municipality.name if poll.municipality else _("the region")}
        return None


def ballot_cast(
    *,
    voter,
    poll: Poll,
    answers: Mapping[int, Response],
    demographics: Demographics | None = None,
    channel: str = Channel.WEB,
    voting_point: int | None = None,
    actor=None,
    identity: PaperIdentity | None = None,
) -> Ballot:
    """Cast `voter`'s ballot in `poll`: `answers` maps question ids to responses. On paper
    (`channel="paper"`), `actor` is the staff member entering it at `voting_point`; the caller
    (services/paper.py) checks the staff member's rule; this checks the voter's, by `identity` —
    what the staff member established in person — instead of the account's state."""
    if channel not in Channel.values:
        raise ValidationError(_("Unknown voting channel."), code="channel")
    if channel == Channel.WEB and voting_point is not None:
        raise ValidationError(_("A voting point takes paper ballots only."), code="channel")
    # Durable when it is the whole request (the web, the API); a paper entry may wrap it in its
    # own transaction with the account it makes for the voter.
    with transaction.atomic(durable=not transaction.get_connection().in_atomic_block):
        poll = lock(poll)
        refusal = vote_refusal(voter, poll) if identity is None else identity.refusal(voter, poll)
        if refusal is not None:
            raise PermissionDenied(refusal)
        if Ballot.objects.filter(poll=poll, voter=voter).exists():
            raise ValidationError(already_voted(), code="already_voted")
        questions = list(poll.questions.prefetch_related("options"))
        checked = check_answers(questions, answers)
        settlement = identity.settlement if identity else getattr(voter, "settlement", None)
        ballot = _ballot(poll, voter, settlement, demographics, channel, voting_point, actor)
        try:
            with transaction.atomic():
                ballot.save(force_insert=True)
        except IntegrityError as error:
            raise ValidationError(already_voted(), code="already_voted") from error
        _apply(poll, ballot, checked)
        poll_event(
            "ballot_cast",
            poll,
            actor=voter,
            payload={"ballot": ballot.pk, "channel": channel, "voting_point": voting_point},
        )
        if actor is not None and actor != voter:
            audit_log(
                actor=actor,
                action="polls.ballot_enter",
                target=poll,
                details={"ballot": ballot.pk, "voting_point": voting_point},
            )
    return ballot


def _ballot(poll, voter, settlement, demographics, channel, voting_point, actor) -> Ballot:
    ballot = Ballot(
        poll=poll,
        voter=voter,
        cast_at=timezone.now(),
        channel=channel,
        voting_point_id=voting_point,
        entered_by=actor if actor is not None and actor != voter else None,
        municipality_id=settlement.municipality_id if settlement else None,
    )
    if poll.asks_demographics:
        given = demographics or Demographics()
        ballot.age_group = given.age_group if given.age_group in AgeGroup.values else ""
        ballot.sex = given.sex if given.sex in Sex.values else ""
        ballot.settlement_kind = given.settlement_kind or (settlement.kind if settlement else "")
    return ballot


# --- Validation -------------------------------------------------------------------------------


def field_name(question: Question | int) -> str:
    """The name a question's errors carry (forms and the API map it to their fields)."""
    return f"question_{getattr(question, 'pk', question)}"


def shown_questions(questions: Sequence[Question], chosen: Iterable[int]) -> list[Question]:
    """The questions a voter who chose `chosen` (option ids) is asked: a conditional question
    only when its option is among them."""
    chosen = set(chosen)
    return [q for q in questions if q.shown_if_id is None or q.shown_if_id in chosen]


def check_answers(questions: Sequence[Question], answers: Mapping[int, Response]) -> _Checked:
    """Every answer checked against its question; a ValidationError names each wrong question
    (key `question_<id>`). Answers to questions not shown are dropped; a question not shown is
    never required."""
    errors: dict[str, list[str]] = {}
    known = {q.pk for q in questions}
    if any(int(key) not in known for key in answers):
        errors["__all__"] = [_("The ballot answers a question this poll does not have.")]
    checked = _Checked()
    chosen: set[int] = set()
    for question in questions:
        if question.shown_if_id is not None and question.shown_if_id not in chosen:
            continue
        response = answers.get(question.pk) or Response()
        try:
            rows, points = _check_one(question, response)
        except ValidationError as error:
            errors[field_name(question)] = error.messages
            continue
        if not rows:
            continue
        checked.answers.extend(rows)
        checked.questions.append(question.pk)
        for row in rows:
            if row.option_id is not None:
                chosen.add(row.option_id)
                checked.options.append(row.option_id)
                checked.option_questions[row.option_id] = question.pk
        checked.points.update(points)
    if errors:
        raise ValidationError(errors)
    return checked


def _words(text: str, question: Question) -> str:
    words = clean_text(text or "").strip()
    if len(words) > MAX_TEXT_ANSWER:
        raise ValidationError(
            _("The answer to «%(question)s» is too long: at most %(max)d characters.")
            % {"question": question.text, "max": MAX_TEXT_ANSWER}
        )
    return words


def _check_one(question: Question, response: Response) -> tuple[list[Answer], dict[int, int]]:
    """The answer rows of one question (empty when unanswered) and, for a ranking, each
    option's Borda points."""
    name = question.text
    if question.kind == QuestionKind.TEXT:
        words = _words(response.text, question)
        if not words:
            if question.is_required:
                raise ValidationError(_("Answer the question «%(question)s».") % {"question": name})
            return [], {}
        return [Answer(question=question, text=words, text_status=TextStatus.PENDING)], {}

    options = {o.pk: o for o in question.options.all()}
    picked = [int(o) for o in response.options]
    if not picked:
        if question.is_required:
            raise ValidationError(_("Answer the question «%(question)s».") % {"question": name})
        return [], {}
    if any(o not in options for o in picked) or len(set(picked)) != len(picked):
        raise ValidationError(
            _("Choose among the options of «%(question)s», each once.") % {"question": name}
        )
    if question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE) and len(picked) > 1:
        raise ValidationError(_("Choose one answer in «%(question)s».") % {"question": name})
    if (
        question.kind == QuestionKind.MULTIPLE
        and question.max_choices
        and len(picked) > question.max_choices
    ):
        raise ValidationError(
            _("Choose at most %(max)d options in «%(question)s».")
            % {"max": question.max_choices, "question": name}
        )
    if question.kind == QuestionKind.RANKING:
        if len(picked) != len(options):
            raise ValidationError(
                _("Give every option of «%(question)s» its own place.") % {"question": name}
            )
        size = len(picked)
        rows = [
            Answer(question=question, option_id=o, rank=rank)
            for rank, o in enumerate(picked, start=1)
        ]
        # Borda count: the first place gets n-1 points, the last none.
        return rows, {o: size - rank for rank, o in enumerate(picked, start=1)}
    rows = []
    for o in picked:
        row = Answer(question=question, option_id=o)
        if options[o].is_other:
            words = _words(response.text, question)
            if not words:
                raise ValidationError(
                    _("Write your answer beside «Other» in «%(question)s».") % {"question": name}
                )
            row.text, row.text_status = words, TextStatus.PENDING
        rows.append(row)
    return rows, {}


# --- Counting ---------------------------------------------------------------------------------


def _apply(poll: Poll, ballot: Ballot, checked: _Checked) -> None:
    """Write the answers and add the ballot to every counter. Expects the poll's row locked."""
    for answer in checked.answers:
        answer.ballot = ballot
    Answer.objects.bulk_create(checked.answers)
    paper = 1 if ballot.channel == Channel.PAPER else 0
    Poll.objects.filter(pk=poll.pk).update(
        ballot_count=F("ballot_count") + 1, paper_ballot_count=F("paper_ballot_count") + paper
    )
    Question.objects.filter(pk__in=checked.questions).update(answer_count=F("answer_count") + 1)
    groups = _groups(ballot)
    _count_participation(poll, ballot, groups)
    if not checked.options:
        return
    points = Case(
        *[When(option_id=o, then=Value(p)) for o, p in checked.points.items()],
        default=Value(0),
    )
    OptionCount.objects.filter(option_id__in=checked.options).update(
        count=F("count") + 1, points=F("points") + points
    )
    _count_by_municipality(ballot, checked)
    _count_by_group(groups, checked)


def _groups(ballot: Ballot) -> list[tuple[str, str]]:
    values = [
        (Dimension.AGE, ballot.age_group),
        (Dimension.SEX, ballot.sex),
        (Dimension.SETTLEMENT, ballot.settlement_kind),
    ]
    return [(str(d), v) for d, v in values if v]


def _count_participation(poll: Poll, ballot: Ballot, groups: list[tuple[str, str]]) -> None:
    pairs = [(MUNICIPALITY, str(_municipality_key(ballot.municipality_id))), *groups]
    _add_one(
        BallotGroupCount, ("poll_id", "dimension", "value"), [(poll.pk, d, v) for d, v in pairs]
    )


def _municipality_key(municipality_id: int | None) -> int:
    return municipality_id or 0


def _count_by_municipality(ballot: Ballot, checked: _Checked) -> None:
    key = _municipality_key(ballot.municipality_id)
    _add_one(
        MunicipalityCount,
        ("option_id", "municipality_key"),
        [(o, key) for o in checked.options],
        questions=checked.option_questions,
    )


def _count_by_group(groups: list[tuple[str, str]], checked: _Checked) -> None:
    if not groups:
        return
    _add_one(
        GroupCount,
        ("option_id", "dimension", "value"),
        [(o, d, v) for o in checked.options for d, v in groups],
        questions=checked.option_questions,
    )


def _add_one(model, key: tuple[str, ...], rows: list[tuple], questions=None) -> None:
    """Add one to the `count` of each row named by its `key` values (the table's unique
    constraint), making it with a count of one when missing: one statement, INSERT … ON
    CONFLICT (key) DO UPDATE, the same on PostgreSQL and SQLite, instead of an insert of the
    missing rows and an update of all. `questions` maps an option (the key's first value) to
    its question, for the tables that keep it."""
    quote = connection.ops.quote_name
    table, count = quote(model._meta.db_table), quote("count")
    columns = [*key, "count", *(["question_id"] if questions is not None else [])]
    values = [(*row, 1, *([questions[row[0]]] if questions is not None else [])) for row in rows]
    marks = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(map(quote, columns))}) VALUES {marks} "
            f"ON CONFLICT ({', '.join(map(quote, key))}) "
            f"DO UPDATE SET {count} = {table}.{count} + 1",
            [value for row in values for value in row],
        )


__all__ = ["Demographics", "Option", "Response", "ballot_cast", "check_answers", "vote_refusal"]
