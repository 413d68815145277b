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
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate, is_active_user, is_verified
from veche.core.text import clean_text
from veche.events import sql as event_sql
from veche.staff.services import audit_log
from veche.territory.models import Settlement

from .. import sql
from ..models import (
    MAX_TEXT_ANSWER,
    AgeGroup,
    Ballot,
    Channel,
    Dimension,
    Eligibility,
    Option,
    Phase,
    Poll,
    Question,
    QuestionKind,
    Sex,
    TextStatus,
)
from ..rules import lives_in, settlement_in
from ..sql import MUNICIPALITY


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


class AnswerRow(NamedTuple):
    """One answer row as `sql.ballot_writes` inserts it (models.Answer's columns)."""

    question_id: int
    option_id: int | None = None
    rank: int | None = None
    text: str = ""
    text_status: str = ""


@dataclass
class _Checked:
    """A valid ballot, ready to write: answer rows and what each counter gains."""

    answers: list[AnswerRow] = field(default_factory=list)
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
    poll: Poll | int,
    answers: Mapping[int, Response],
    demographics: Demographics | None = None,
    channel: str = Channel.WEB,
    voting_point: int | None = None,
    actor=None,
    identity: PaperIdentity | None = None,
    unseen_as_missing: bool = False,
) -> Ballot:
    """Cast `voter`'s ballot in `poll`: `answers` maps question ids to responses. On paper
    (`channel="paper"`), `actor` is the staff member entering it at `voting_point`; the caller
    (services/paper.py) checks the staff member's rule; this checks the voter's, by `identity` —
    what the staff member established in person — instead of the account's state.
    `unseen_as_missing`: a poll the voter may not see (`polls.view_poll`) is Poll.DoesNotExist,
    as if there were none (the API's 404; `poll` may then be the poll's id, nothing read)."""
    if channel not in Channel.values:
        raise ValidationError(_("Unknown voting channel."), code="channel")
    if channel == Channel.WEB and voting_point is not None:
        raise ValidationError(_("A voting point takes paper ballots only."), code="channel")
    # The answers are checked before the transaction against this process's copy of the
    # poll's questions, when it has one, so the poll's lock (on SQLite the database's one write
    # lock) is held for the writes; the result is told after the rule and the one-ballot check,
    # and checked again under the lock if the questions changed meanwhile.
    poll_id = poll if isinstance(poll, int) else poll.pk
    kept = _FROZEN.get(poll_id)
    early = _checked_or_error(kept.questions, answers) if kept else None
    if kept is not None and _at_once(channel, identity, actor, voter):
        ballot = _cast_at_once(voter, kept, early, demographics)
        if ballot is not None:
            return ballot
    # Durable when it is the whole request (the web, the API); a paper entry may wrap it in its
    # own transaction with the account it makes for the voter.
    with transaction.atomic(durable=not transaction.get_connection().in_atomic_block):
        # The poll's row first (a paper entry took it already, in the same order; docs/polls.md
        # "lock order"): the state we check is the state we change.
        poll = sql.read_poll(poll_id, lock=True)
        if unseen_as_missing and not voter.has_perm("polls.view_poll", poll):
            raise Poll.DoesNotExist("Poll matching query does not exist.")
        refusal = vote_refusal(voter, poll) if identity is None else identity.refusal(voter, poll)
        if refusal is not None:
            raise PermissionDenied(refusal)
        now = timezone.now()
        ballot = _ballot(poll, voter, identity, demographics, channel, voting_point, actor, now)
        # The unique constraint (poll, voter) decides, under any concurrency: no row, a ballot.
        # A ValidationError below rolls the row back with the transaction (or its savepoint).
        if ballot is None:
            raise ValidationError(already_voted(), code="already_voted")
        if early is None or kept.poll.updated_at != poll.updated_at:
            early = _checked_or_error(_questions(poll), answers)
        checked, wrong = early
        if wrong is not None:
            raise wrong
        _write_counted(ballot, checked)
        if actor is not None and actor != voter:
            audit_log(
                actor=actor,
                action="polls.ballot_enter",
                target=poll,
                details={"ballot": ballot.pk, "voting_point": voting_point},
            )
    return ballot


def _write_counted(ballot: Ballot, checked: "_Checked", *, poll_counted: bool = False) -> None:
    """The answers, every counter and the event of a ballot just inserted (`sql.ballot_writes`)."""
    poll = ballot.poll
    stamp = connection.ops.adapt_datetimefield_value(ballot.cast_at)
    sql.ballot_writes(
        ballot_id=ballot.pk,
        poll_id=poll.pk,
        counted=_counted(ballot, checked),
        now=stamp,
        event=event_sql.values_params(
            kind="polls.ballot_cast",
            subject_type=poll._meta.label_lower,
            subject_id=poll.pk,
            actor=ballot.voter,
            territory=poll.municipality_id,
            occurred_at=stamp,
            payload={
                "ballot": ballot.pk,
                "channel": ballot.channel,
                "voting_point": ballot.voting_point_id,
            },
        ),
        poll_counted=poll_counted,
    )


class _Kept(NamedTuple):
    poll: Poll  # as read under its lock; its `updated_at` says which state this is
    questions: list[Question]


# The polls and their questions and options, per process: the poll's id → the poll's row and
# its questions as they were at the row's `updated_at`. Every change of a poll moves its
# `updated_at` (`auto_now`; services/questions.py's `_changed` for the questions, which also
# drops this process's copy); a ballot freezes the questions (`require_no_ballots`). A copy is
# used under the lock only when its `updated_at` is the one read under the lock, and by a ballot
# written at once only if the poll's `updated_at` is still the copy's (`sql.whole_ballot`).
_FROZEN: dict[int, _Kept] = {}
_FROZEN_MAX = 500


def _questions(poll: Poll) -> list[Question]:
    """The poll's questions with their options. Expects the poll's row read under its lock."""
    kept = _FROZEN.get(poll.pk)
    if kept is not None and kept.poll.updated_at == poll.updated_at:
        return kept.questions
    found = sql.read_questions(poll.pk)
    _FROZEN.pop(poll.pk, None)
    while len(_FROZEN) >= _FROZEN_MAX:
        _FROZEN.pop(next(iter(_FROZEN)))
    _FROZEN[poll.pk] = _Kept(poll, found)
    return found


def _at_once(channel: str, identity, actor, voter) -> bool:
    """Whether a ballot may be written without reading the poll under its lock
    (`_cast_at_once`): a web ballot of the voter himself that is the whole request (not inside
    another transaction)."""
    return (
        channel == Channel.WEB
        and identity is None
        and (actor is None or actor == voter)
        and not connection.in_atomic_block
    )


def _cast_at_once(voter, kept: _Kept, early, demographics) -> Ballot | None:
    """A web ballot checked against this process's copy of the poll — the rule and the answers
    as `ballot_cast` checks them under the lock — and written only if the poll's `updated_at`
    is still the copy's: on PostgreSQL in one statement (`sql.whole_ballot`) under the poll's
    row lock (taken first, as always), on SQLite by `_cast_in_steps`. None when this cannot
    decide — the copy refuses, an answer is wrong (told in `ballot_cast`'s order), or the poll
    changed — and `ballot_cast` goes on under the lock; already voted is the usual
    ValidationError. Whom `polls.vote_in_poll` lets vote sees the poll (it asks for a published
    one, which `polls.view_poll` shows everyone; tests/test_rules_vote.py): only a refusal needs
    the locked way's 404 for a poll not seen."""
    poll = kept.poll
    checked, wrong = early
    if wrong is not None or vote_refusal(voter, poll) is not None:
        return None
    if connection.vendor != "postgresql":
        return _cast_in_steps(voter, poll, checked, demographics)
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    age_group, sex, kind = _demographics(poll, demographics)
    poll_id, pk, municipality_id, settlement_kind = sql.whole_ballot(
        sql.WholeBallot(
            poll_id=poll.pk,
            seen=poll.updated_at,
            voter_id=voter.pk,
            cast_at=stamp,
            age_group=age_group,
            sex=sex,
            settlement_kind=kind,
            settlement_id=getattr(voter, "settlement_id", None),
            answers=checked.answers,
            questions=checked.questions,
            options=[
                (o, checked.option_questions[o], checked.points.get(o, 0)) for o in checked.options
            ],
            territory=poll.municipality_id,
            event=event_sql.event_params(
                kind="polls.ballot_cast",
                subject_type=poll._meta.label_lower,
                actor=voter,
                occurred_at=stamp,
            ),
        )
    )
    if poll_id is None:
        return None  # the poll changed: checked again under its lock
    if pk is None:
        raise ValidationError(already_voted(), code="already_voted")
    return _ballot_row(
        pk, poll, voter, now, Channel.WEB, None, None, municipality_id, age_group, sex,
        settlement_kind,
    )  # fmt: skip


def _cast_in_steps(voter, poll: Poll, checked: "_Checked", demographics) -> Ballot | None:
    """SQLite's `_cast_at_once`: one transaction of plain statements and nothing else under
    `BEGIN IMMEDIATE` (the database's one write lock). The poll's count goes up first, only if
    its `updated_at` is still the copy's (None otherwise: nothing written, `ballot_cast` goes
    on under the lock); then the ballot (already voted: the count is rolled back) and the rest,
    as `ballot_cast` writes them."""
    now = timezone.now()
    seen = connection.ops.adapt_datetimefield_value(poll.updated_at)
    with transaction.atomic(durable=True):
        if not sql.count_ballot(poll.pk, paper=False, seen=seen):
            return None
        ballot = _ballot(poll, voter, None, demographics, Channel.WEB, None, None, now)
        if ballot is None:
            raise ValidationError(already_voted(), code="already_voted")
        _write_counted(ballot, checked, poll_counted=True)
    return ballot


def _checked_or_error(questions, answers) -> tuple["_Checked | None", ValidationError | None]:
    try:
        return check_answers(questions, answers), None
    except ValidationError as error:
        return None, error


def forget_frozen_questions(poll_id: int | None = None) -> None:
    """Drop this process's copy of a poll's questions, or of every poll's (tests: a rolled-back
    database gives the same ids to other polls)."""
    if poll_id is None:
        _FROZEN.clear()
    else:
        _FROZEN.pop(poll_id, None)


def _demographics(poll: Poll, demographics: Demographics | None) -> tuple[str, str, str | None]:
    """The age group, sex and settlement kind a ballot keeps as given (None: not asked)."""
    if not poll.asks_demographics:
        return "", "", None
    given = demographics or Demographics()
    age_group = given.age_group if given.age_group in AgeGroup.values else ""
    sex = given.sex if given.sex in Sex.values else ""
    return age_group, sex, given.settlement_kind


def _ballot(poll, voter, identity, demographics, channel, voting_point, actor, now):
    """Insert the ballot row, with the voter's municipality and settlement kind as they are now;
    None when he already has one in this poll."""
    settlement = identity.settlement if identity else None
    settlement_id = settlement.pk if settlement else None
    if identity is None:
        settlement_id = getattr(voter, "settlement_id", None)
    entered_by = actor if actor is not None and actor != voter else None
    age_group, sex, kind = _demographics(poll, demographics)
    row = sql.ballot_insert(
        poll_id=poll.pk,
        voter_id=voter.pk,
        cast_at=connection.ops.adapt_datetimefield_value(now),
        channel=channel,
        voting_point_id=voting_point,
        entered_by_id=entered_by.pk if entered_by else None,
        settlement_id=settlement_id,
        age_group=age_group,
        sex=sex,
        settlement_kind=kind,
    )
    if row is None:
        return None
    pk, municipality_id, settlement_kind = row
    return _ballot_row(
        pk, poll, voter, now, channel, voting_point, entered_by, municipality_id, age_group, sex,
        settlement_kind,
    )  # fmt: skip


def _ballot_row(
    pk, poll, voter, now, channel, voting_point, entered_by, municipality_id, age_group, sex, kind
) -> Ballot:
    """The ballot as written (no query). Made by ids, the poll and the people then cached as
    its relations: assigning model instances checks each through the database router."""
    ballot = Ballot(
        pk=pk,
        poll_id=poll.pk,
        voter_id=voter.pk,
        cast_at=now,
        channel=channel,
        voting_point_id=voting_point,
        entered_by_id=entered_by.pk if entered_by else None,
        municipality_id=municipality_id,
        age_group=age_group,
        sex=sex,
        settlement_kind=kind,
    )
    for name, value in (("poll", poll), ("voter", voter), ("entered_by", entered_by)):
        Ballot._meta.get_field(name).set_cached_value(ballot, value)
    ballot._state.adding, ballot._state.db = False, connection.alias
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


def _options_by_id(question: Question) -> dict[int, Option]:
    """The question's options by id, kept on the question: the process's copy of a poll's
    questions (`_questions`) serves many ballots, and `options.all()` builds a queryset."""
    found = question.__dict__.get("_options_by_id")
    if found is None:
        found = question.__dict__["_options_by_id"] = {o.pk: o for o in question.options.all()}
    return found


def _check_one(question: Question, response: Response) -> tuple[list[AnswerRow], dict[int, int]]:
    """The answer rows of one question (empty when unanswered) and, for a ranking, each
    option's Borda points."""
    name = question.text
    if question.kind == QuestionKind.TEXT:
        words = _words(response.text, question)
        if not words:
            if question.is_required:
                raise ValidationError(_("Answer the question «%(question)s».") % {"question": name})
            return [], {}
        return [AnswerRow(question.pk, text=words, text_status=TextStatus.PENDING)], {}

    options = _options_by_id(question)
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
        rows = [AnswerRow(question.pk, o, rank) for rank, o in enumerate(picked, start=1)]
        # Borda count: the first place gets n-1 points, the last none.
        return rows, {o: size - rank for rank, o in enumerate(picked, start=1)}
    rows = []
    for o in picked:
        row = AnswerRow(question.pk, o)
        if options[o].is_other:
            words = _words(response.text, question)
            if not words:
                raise ValidationError(
                    _("Write your answer beside «Other» in «%(question)s».") % {"question": name}
                )
            row = row._replace(text=words, text_status=TextStatus.PENDING)
        rows.append(row)
    return rows, {}


# --- Counting ---------------------------------------------------------------------------------


def _counted(ballot: Ballot, checked: _Checked) -> sql.Counted:
    """The rows and counters `sql.ballot_writes` adds for a valid ballot."""
    groups = _groups(ballot)
    return sql.Counted(
        answers=checked.answers,
        questions=checked.questions,
        options=[
            (o, checked.option_questions[o], checked.points.get(o, 0)) for o in checked.options
        ],
        groups=groups,
        participation=[(MUNICIPALITY, str(_municipality_key(ballot))), *groups],
        municipality_key=_municipality_key(ballot),
        paper=ballot.channel == Channel.PAPER,
    )


def _municipality_key(ballot: Ballot) -> int:
    return ballot.municipality_id or 0  # 0 stands for «not known» (MunicipalityCount)


def _groups(ballot: Ballot) -> list[tuple[str, str]]:
    values = [
        (Dimension.AGE, ballot.age_group),
        (Dimension.SEX, ballot.sex),
        (Dimension.SETTLEMENT, ballot.settlement_kind),
    ]
    return [(str(d), v) for d, v in values if v]


__all__ = ["Demographics", "Option", "Response", "ballot_cast", "check_answers", "vote_refusal"]
