"""Reads of public voting: the ballot page, the results with their subtotals, the suspicious-
account signals and the pseudonymous rows of the exports (docs/budgeting.md, "Public voting")."""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from weakref import WeakKeyDictionary

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Q, Sum
from django.db.models.expressions import Col

from veche.core.prepared import run_prepared
from veche.voting.models import Channel

from .models import (
    Application,
    Contest,
    ContestStage,
    ParticipantCount,
    PointTally,
    PublicVote,
    ResultOverride,
    VoterBallot,
    VoteReceipt,
    VoteTally,
    VotingResult,
    VotingTerms,
)
from .rules import terms_of


def voter_pseudonym(contest_id: int, user_id: int) -> str:
    """The voter's name in one contest's exports: stable there, unlinkable across contests."""
    key = settings.VOTE_SIGNAL_KEY.encode()
    digest = hmac.new(key, f"pseudonym:{contest_id}:{user_id}".encode(), hashlib.sha256)
    return "v" + digest.hexdigest()[:12]


def ballot_entries(contest: Contest) -> list[VoteTally]:
    """The projects on the ballot (open tallies), cheapest query: one."""
    return list(
        VoteTally.objects.filter(contest=contest, status=VoteTally.Status.OPEN)
        .select_related("application", "municipality")
        .order_by("application__title", "pk")
    )


def my_choices(contest: Contest, user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        PublicVote.objects.filter(tally__contest=contest, user=user).values_list(
            "tally_id", flat=True
        )
    )


def my_receipts(contest: Contest, user) -> list[VoteReceipt]:
    if not user.is_authenticated:
        return []
    return list(
        VoteReceipt.objects.filter(contest=contest, user=user)
        .select_related("application")
        .order_by("-created_at", "-pk")
    )


@dataclass
class Results:
    rows: list[dict]
    online: int
    paper: int
    participants: int
    points: list[PointTally]
    result: VotingResult | None
    overrides: list[ResultOverride] = field(default_factory=list)


def participants(contest: Contest) -> int:
    """People with at least one live vote (paper voters included), from the kept count."""
    counted = ParticipantCount.objects.filter(contest=contest).aggregate(n=Sum("participants"))
    return counted["n"] or 0


def voting_results(contest: Contest) -> Results:
    """Counts from the counters (no counting of votes), the stored result with overrides
    applied."""
    tallies = list(
        VoteTally.objects.filter(contest=contest)
        .select_related("application")
        .order_by("-votes", "application__submitted_at", "pk")
    )
    result = VotingResult.objects.filter(contest=contest).first()
    overrides = (
        list(ResultOverride.objects.filter(result=result).select_related("application"))
        if result
        else []
    )
    decided = {d["application"]: d for d in (result.decisions if result else [])}
    overridden = {o.application_id: o for o in overrides}
    rows = []
    for tally in tallies:
        decision = decided.get(tally.pk)
        override = overridden.get(tally.pk)
        rows.append(
            {
                "tally": tally,
                "decision": decision,
                "override": override,
                "won": override.won if override else bool(decision and decision["won"]),
                "online": tally.votes - tally.paper_votes,
            }
        )
    if result:
        rank = {d["application"]: d["rank"] for d in result.decisions}
        rows.sort(key=lambda r: rank.get(r["tally"].pk, 10**9))
    total = sum(t.votes for t in tallies)
    paper = sum(t.paper_votes for t in tallies)
    return Results(
        rows=rows,
        online=total - paper,
        paper=paper,
        participants=participants(contest),
        points=list(
            PointTally.objects.filter(contest=contest)
            .select_related("voting_point")
            .order_by("voting_point__title")
        ),
        result=result,
        overrides=overrides,
    )


def vote_rows(contest: Contest):
    """Every vote (live ones) with its time, project and the voter's pseudonym — never a name or
    a contact. An iterator: 802,034 rows in constant memory."""
    votes = (
        PublicVote.objects.filter(tally__contest=contest)
        .order_by("pk")
        .values_list("pk", "created_at", "tally_id", "user_id", "channel", "voting_point_id")
    )
    for pk, created_at, tally_id, user_id, channel, point in votes.iterator(chunk_size=5000):
        yield (
            pk,
            created_at,
            tally_id,
            voter_pseudonym(contest.pk, user_id),
            str(Channel(channel).label),
            point or "",
        )


# --- Suspicious-account signals --------------------------------------------------------------


@dataclass
class Signal:
    """One pattern the organizer should look at: never a vote dropped, only shown."""

    kind: str  # "shared_network", "shared_device", "fresh_account", "registration_burst"
    accounts: list[dict]  # {"user": id, "pseudonym", "joined", "first_vote"}
    evidence: str  # the hash prefix shared, or the hours between registration and vote


def vote_signals(contest: Contest) -> list[Signal]:
    """The suspicious-account signals of a contest (thresholds: settings.VOTE_SIGNAL_*)."""
    return _signals(contest.pk, VoterBallot.objects.filter(contest=contest))


def account_signals(user_ids) -> dict[int, list[tuple[Contest, Signal]]]:
    """The signals that name these accounts, in every contest they voted in — shown beside the
    public jury's candidates so the organizer checks them before seating one (issue 13, point
    1). Per contest only the ballots that share a network or a device with theirs are read: the
    clusters of those keys are the ones the contest's own signals page shows."""
    found: dict[int, list[tuple[Contest, Signal]]] = {pk: [] for pk in user_ids}
    own = VoterBallot.objects.filter(user_id__in=found).select_related("contest")
    by_contest: dict[Contest, list[VoterBallot]] = {}
    for ballot in own.order_by("contest_id"):
        by_contest.setdefault(ballot.contest, []).append(ballot)
    for contest, ballots in by_contest.items():
        networks = {b.network_hash for b in ballots if b.network_hash}
        devices = {b.device_hash for b in ballots if b.device_hash}
        related = VoterBallot.objects.filter(contest=contest).filter(
            Q(user_id__in=found) | Q(network_hash__in=networks) | Q(device_hash__in=devices)
        )
        for signal in _signals(contest.pk, related):
            for account in signal.accounts:
                if account["user"] in found:
                    found[account["user"]].append((contest, signal))
    return found


def _signals(contest_id: int, ballots) -> list[Signal]:
    ballots = list(
        ballots.select_related("user")
        .order_by("first_voted_at", "pk")
        .only("user__date_joined", "first_voted_at", "network_hash", "device_hash", "user_id")
    )
    signals = []
    window = timedelta(minutes=settings.VOTE_SIGNAL_SHARED_MINUTES)
    for kind, attribute in (("shared_network", "network_hash"), ("shared_device", "device_hash")):
        signals += _clusters(
            contest_id,
            ballots,
            kind,
            key=lambda b, a=attribute: getattr(b, a),
            moment=lambda b: b.first_voted_at,
            window=window,
            least=settings.VOTE_SIGNAL_SHARED_ACCOUNTS,
        )
    signals += _clusters(
        contest_id,
        ballots,
        "registration_burst",
        key=lambda b: b.network_hash,
        moment=lambda b: b.user.date_joined,
        window=timedelta(minutes=settings.VOTE_SIGNAL_BURST_MINUTES),
        least=settings.VOTE_SIGNAL_BURST_ACCOUNTS,
    )
    fresh = timedelta(hours=settings.VOTE_SIGNAL_FRESH_HOURS)
    for ballot in ballots:
        age = ballot.first_voted_at - ballot.user.date_joined
        if age < fresh:
            signals.append(
                Signal(
                    kind="fresh_account",
                    accounts=[_account_of(contest_id, ballot)],
                    evidence=f"{age.total_seconds() / 3600:.1f}",
                )
            )
    return signals


def _clusters(contest_id, ballots, kind, *, key, moment, window, least) -> list[Signal]:
    """Groups of at least `least` ballots with one key whose moments lie within `window`."""
    by_key: dict[str, list] = {}
    for ballot in ballots:
        if value := key(ballot):
            by_key.setdefault(value, []).append(ballot)
    found = []
    for value, group in by_key.items():
        group.sort(key=moment)
        start = 0
        best: list = []
        for end in range(len(group)):
            while moment(group[end]) - moment(group[start]) > window:
                start += 1
            if end - start + 1 > len(best):
                best = group[start : end + 1]
        if len(best) >= least:
            found.append(
                Signal(
                    kind=kind,
                    accounts=[_account_of(contest_id, b) for b in best],
                    evidence=value[:12],
                )
            )
    return found


def _account_of(contest_id: int, ballot: VoterBallot) -> dict:
    return {
        "user": ballot.user_id,
        "pseudonym": voter_pseudonym(contest_id, ballot.user_id),
        "joined": ballot.user.date_joined,
        "first_vote": ballot.first_voted_at,
    }


def paper_total(contest: Contest) -> int:
    return PointTally.objects.filter(contest=contest).aggregate(n=Sum("votes"))["n"] or 0


def has_voting(contest: Contest) -> bool:
    return terms_of(contest) is not None


def _in_model_order(model, names) -> tuple[str, ...]:
    """`Model.from_db` takes a subset of fields in the model's own order."""
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


# What a vote reads of its project: the columns `application_for_vote` selects, per model.
_VOTE_COLUMNS = (
    ("a", Application, _in_model_order(Application, {"id", "contest_id", "title", "cost"})),
    ("c", Contest, _in_model_order(Contest, {"id", "municipality_id", "status", "budget"})),
    ("t", VotingTerms, tuple(f.attname for f in VotingTerms._meta.concrete_fields)),
    ("s", ContestStage, tuple(f.attname for f in ContestStage._meta.concrete_fields)),
)


def _vote_read_columns() -> list[Col]:
    return [
        Col(alias, model._meta.get_field(name))
        for alias, model, names in _VOTE_COLUMNS
        for name in names
    ]


@lru_cache
def _vote_read_sql() -> str:
    columns = ", ".join(f"{col.alias}.{col.target.column}" for col in _vote_read_columns())
    return (
        f"SELECT {columns} FROM {Application._meta.db_table} a "
        f"JOIN {Contest._meta.db_table} c ON c.id = a.contest_id "
        f"LEFT JOIN {VotingTerms._meta.db_table} t ON t.contest_id = c.id "
        f"LEFT JOIN {ContestStage._meta.db_table} s ON s.contest_id = c.id "
        "WHERE a.id = %s ORDER BY s.position"
    )


# The ORM's converters of those columns, per database connection (they are its methods).
_vote_converters: WeakKeyDictionary = WeakKeyDictionary()


def _vote_rows(pk: int) -> list[tuple]:
    """The rows with the database's values turned into Python's, as the ORM turns them
    (decimals and aware moments on SQLite)."""
    if connection.vendor == "postgresql":
        rows = run_prepared(_vote_read_sql(), [pk], every_row=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute(_vote_read_sql(), [pk])
            rows = cursor.fetchall()
    db = connections[DEFAULT_DB_ALIAS]
    if db not in _vote_converters:
        compiler = Application.objects.none().query.get_compiler(connection=db)
        _vote_converters[db] = (compiler, compiler.get_converters(_vote_read_columns()))
    compiler, converters = _vote_converters[db]
    return list(compiler.apply_converters(rows, converters)) if converters else rows


def application_for_vote(pk: int) -> Application:
    """An application on a ballot with what a vote checks — its contest, terms and stages — in
    one statement (a row per stage; prepared on PostgreSQL), built into the models the rules
    read: a vote is the portal's hottest write, and composing the ORM's join and prefetch cost
    more than running them. Raises Application.DoesNotExist."""
    rows = _vote_rows(pk)
    if not rows:
        raise Application.DoesNotExist
    parts = []
    for row in rows:
        at, built = 0, []
        for _alias, model, names in _VOTE_COLUMNS:
            values = row[at : at + len(names)]
            at += len(names)
            built.append(model.from_db("default", names, values) if values[0] else None)
        parts.append(built)
    application, contest, terms, _stage = parts[0]
    stages = [stage for *_rest, stage in parts if stage is not None]
    Application.contest.field.set_cached_value(application, contest)
    Contest.voting_terms.related.set_cached_value(contest, terms)
    cached = ContestStage.objects.all()  # what `contest.stages.all()` now returns
    cached._result_cache, cached._prefetch_done = stages, True
    contest._prefetched_objects_cache = {"stages": cached}
    return application
