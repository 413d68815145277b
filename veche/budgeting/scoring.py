"""Reads of the expert commission's work (issue 13, points 1–2): who sits on it, what each member
has to score, and the **score table** of a contest — each scored application's score by
criterion (the experts' average for their criteria, the computed ones filled by their formula),
its weighted total and its rank. Winners (point 4) read `score_table(contest)`.

The votes a `votes_relative` criterion reads are the public vote's tallies (`VoteTally.votes`,
online and paper); `register_vote_counter` replaces that source (e.g. for a test). A constant
number of queries per table, whatever the number of applications and experts.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db.models import Prefetch, QuerySet

from .criteria import relative_score
from .models import (
    Application,
    Assignment,
    CommissionMember,
    Contest,
    Criterion,
    EvaluationSheet,
    Score,
)

CENT = Decimal("0.01")


def scored_statuses() -> list[str]:
    """The statuses of applications the commission scores: admitted ones (and those in the
    public vote, once the voting module adds that status), and those already evaluated."""
    known = set(Application.Status.values)
    return [s for s in ("admitted", "voting", "evaluated") if s in known]


# --- The votes of a computed criterion --------------------------------------------------------

VoteCounter = Callable[[Contest], dict[int, int]]
_vote_counter: list[VoteCounter] = []


def register_vote_counter(counter: VoteCounter) -> None:
    """The public vote says how many votes each application of a contest has ({id: votes})."""
    _vote_counter[:] = [counter]


def tally_votes(contest: Contest) -> dict[int, int]:
    """The public vote's counters (online and paper votes: `VoteTally.votes`), by application."""
    from .models import VoteTally

    return dict(VoteTally.objects.filter(contest=contest).values_list("application_id", "votes"))


def vote_counts(contest: Contest) -> dict[int, int]:
    """The votes a `votes_relative` criterion reads: the public vote's tallies, unless another
    counter is registered."""
    return (_vote_counter[0] if _vote_counter else tally_votes)(contest)


# --- Members and assignments ------------------------------------------------------------------


def commission(contest: Contest) -> list[CommissionMember]:
    order = {"chair": 0, "expert": 1, "jury": 2}
    members = CommissionMember.objects.filter(contest=contest).select_related("user")
    return sorted(members, key=lambda m: (order[m.role], m.pk))


def scored_applications(contest: Contest) -> QuerySet[Application]:
    return Application.objects.filter(contest=contest, status__in=scored_statuses()).order_by(
        "submitted_at", "pk"
    )


def my_assignments(user, contest: Contest) -> list[Assignment]:
    """The user's assignments in the contest, with how many criteria he has scored."""
    return list(
        Assignment.objects.filter(member__contest=contest, member__user=user)
        .select_related("application", "member")
        .prefetch_related("scores")
        .order_by("application__submitted_at", "application__pk")
    )


def assignment_for(pk: int) -> Assignment:
    return Assignment.objects.select_related(
        "member__user", "member__contest", "application__contest"
    ).get(pk=pk)


def expert_criteria(contest: Contest) -> list[Criterion]:
    return list(contest.criteria.filter(source="experts").order_by("position"))


def current_sheet(contest: Contest) -> EvaluationSheet | None:
    return contest.sheets.exclude(status=EvaluationSheet.Status.VOID).first()


# --- The score table ----------------------------------------------------------------------------


@dataclass
class Row:
    application: Application
    # criterion id → score (the experts' average, or the computed value); None: not scored yet.
    scores: dict[int, Decimal | None] = field(default_factory=dict)
    # member id → criterion id → (value, comment), the experts' own scores.
    by_member: dict[int, dict[int, tuple[Decimal, str]]] = field(default_factory=dict)
    # criterion id → the public jury's average (shown beside; not in the total).
    jury: dict[int, Decimal] = field(default_factory=dict)
    conflicts: list[int] = field(default_factory=list)
    total: Decimal = Decimal(0)
    rank: int = 0


@dataclass
class Table:
    contest: Contest
    criteria: list[Criterion]
    members: list[CommissionMember]
    rows: list[Row]
    # (member id, application id) pairs still to be scored, for the completeness check.
    missing: list[tuple[int, int]]


def _number(value) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _computed_values(criterion: Criterion, apps: list[Application], votes) -> dict[int, Decimal]:
    """Each application's raw value for a computed criterion."""
    if criterion.formula == "residents_share":
        return {a.pk: (a.amount_residents * 100 / a.cost if a.cost else Decimal(0)) for a in apps}
    if criterion.formula == "field_relative":
        return {a.pk: _number(a.answers.get(criterion.field_key)) for a in apps}
    if criterion.formula == "votes_relative":
        return {a.pk: Decimal(votes.get(a.pk, 0)) for a in apps}
    return {a.pk: Decimal(0) for a in apps}


def _average(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(CENT, ROUND_HALF_UP)


def score_table(contest: Contest) -> Table:
    """Every scored application of the contest with its scores, weighted total and rank (by
    total, then the earlier submission). Five queries."""
    criteria = list(contest.criteria.order_by("position"))
    members = commission(contest)
    apps = list(scored_applications(contest))
    assignments = list(
        Assignment.objects.filter(member__contest=contest)
        .select_related("member")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("criterion_id")))
    )
    expert_ids = [c.pk for c in criteria if c.source == "experts"]
    rows = {a.pk: Row(a) for a in apps}
    collected: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    jury: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    missing = []
    for assignment in assignments:
        row = rows.get(assignment.application_id)
        if row is None:
            continue
        if assignment.has_conflict:
            row.conflicts.append(assignment.member_id)
            continue
        own = {s.criterion_id: (s.value, s.comment) for s in assignment.scores.all()}
        target = jury if assignment.member.role == "jury" else collected
        if assignment.member.role != "jury":
            row.by_member[assignment.member_id] = own
            if any(pk not in own for pk in expert_ids):
                missing.append((assignment.member_id, assignment.application_id))
        for criterion_id, (value, _comment) in own.items():
            target[assignment.application_id][criterion_id].append(value)
    votes = vote_counts(contest) if any(c.source == "vote" for c in criteria) else {}
    for criterion in criteria:
        if criterion.source == "experts":
            for row in rows.values():
                row.scores[criterion.pk] = _average(collected[row.application.pk][criterion.pk])
                if jury[row.application.pk][criterion.pk]:
                    row.jury[criterion.pk] = _average(jury[row.application.pk][criterion.pk])
            continue
        values = _computed_values(criterion, apps, votes)
        best = max(values.values(), default=Decimal(0))
        for pk, value in values.items():
            rows[pk].scores[criterion.pk] = relative_score(value, best, criterion.max_score)
    for row in rows.values():
        row.total = sum(
            (c.weight * (row.scores.get(c.pk) or 0) for c in criteria), Decimal(0)
        ).quantize(CENT, ROUND_HALF_UP)
    ranked = sorted(
        rows.values(),
        key=lambda r: (-r.total, r.application.submitted_at, r.application.pk),
    )
    for number, row in enumerate(ranked, start=1):
        row.rank = number
    return Table(contest, criteria, members, ranked, missing)


def application_scores(contest: Contest) -> dict[int, tuple[dict[int, Decimal | None], Decimal]]:
    """For winners (point 4): {application id: ({criterion id: score}, weighted total)}."""
    return {row.application.pk: (row.scores, row.total) for row in score_table(contest).rows}


@dataclass
class SheetCheck:
    bytes_intact: bool
    # signature id → whether it still verifies over the stored bytes
    signatures: dict[int, bool]

    @property
    def intact(self) -> bool:
        return self.bytes_intact and all(self.signatures.values())


def sheet_check(sheet: EvaluationSheet, signatures) -> SheetCheck:
    """Whether the sheet's bytes still hash to its SHA-256 and each signature still verifies over
    them: a sheet changed behind the portal's back is flagged on its page."""
    import hashlib

    from .signatures import still_intact

    content = bytes(sheet.content)
    return SheetCheck(
        bytes_intact=hashlib.sha256(content).hexdigest() == sheet.sha256,
        signatures={
            s.pk: still_intact(content, bytes(s.signature)) for s in signatures if not s.refused
        },
    )


def sheets_of(contest: Contest) -> list[EvaluationSheet]:
    """The contest's sheets, the newest first, with their signatures and their members."""
    from .models import SheetSignature

    signatures = SheetSignature.objects.select_related("member__user").order_by("created_at")
    return list(
        contest.sheets.prefetch_related(Prefetch("signatures", queryset=signatures))
        .select_related("voided_by")
        .order_by("-number")
    )
