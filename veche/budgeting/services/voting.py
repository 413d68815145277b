"""Public voting on a contest's admitted applications (issue 13, point 3; docs/budgeting.md,
"Public voting").

A vote is a support of the project's `VoteTally`, counted by the shared mechanism
(veche.supports: one row per person per project, the unique constraint decides, the counter moves
in the same statement).

On PostgreSQL a web vote is ONE statement outside any transaction, like a report's support
(`_cast_at_once`, through `supports.give_support_chained`): the support's insert also checks the
contest's side of `budgeting.vote_in_contest` and of `vote_cast` (published, the voting stage
open now, the terms: verified, residents, a single vote allowed, a knapsack project within the
budget) with the voter's side asked in Python first (no query), then the ballot's guarded upsert,
the participants' count and the `ballot_joined` event on a first vote, and the receipt follow in
the same statement — all written, or (the cap or the budget refused) nothing. Nothing is read
first; a vote it did not count takes the path below, which reads the project, asks the rule and
says why. Elsewhere (SQLite, paper, `ballot_submit`), in one transaction:

1. `give_support` — a second vote for the same project (any channel) changes nothing;
2. the voter's `VoterBallot` moves by one upsert whose WHERE holds the cap and the budget
   (`_BALLOT_UP`): concurrent votes of one person queue on that row, and the one that would pass
   the cap or the budget changes nothing, so the whole vote rolls back — the database's CHECKs on
   the ballot back the same bounds;
3. the receipt.

Votes record no event: the event log carries the actor's pseudonym, and who voted for what stays
out of it. Opening the ballot, the results and overrides are events and audit rows.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate, is_verified
from veche.core.formats import local_datetime
from veche.core.prepared import run_prepared
from veche.events import sql as event_sql
from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, give_support_chained, withdraw_support
from veche.supports.sql import Chain
from veche.territory.models import Settlement
from veche.voting.models import Channel, VotingPoint

from .. import stages
from ..models import (
    Application,
    BallotStyle,
    Contest,
    ContestStage,
    ParticipantCount,
    PointTally,
    PublicVote,
    VoterBallot,
    VoteReceipt,
    VoteTally,
    VotingTerms,
)
from ..rules import stage_refusal, terms_of
from ..selectors_voting import application_for_vote
from ._common import contest_changed, lock_contest, not_organizer, require

# The write checks that the project is on the ballot (tally open); the rule checks the rest.
VOTES = Supportable(
    item_model=VoteTally,
    support_model=PublicVote,
    item_field="tally",
    counter="votes",
    open_statuses=(VoteTally.Status.OPEN,),
    returning=("contest_id",),  # for the writes chained after the count (`_cast_at_once`)
)

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class Trace:
    """Where a web vote came from, as the view saw it; only keyed hashes are stored."""

    network: str = ""
    device: str = ""


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 with the portal's key (settings.VOTE_SIGNAL_KEY): the same network or device
    gives the same hash, which cannot be turned back into the address."""
    if not value:
        return ""
    key = settings.VOTE_SIGNAL_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _n in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# --- Messages ---------------------------------------------------------------------------------


def _cap_message(terms: VotingTerms) -> str:
    return _("You have already chosen %(n)s projects: the most this ballot allows.") % {
        "n": terms.max_choices
    }


def _budget_message(contest: Contest, spent: Decimal, cost: Decimal) -> str:
    return _(
        "This project costs %(cost)s ₽; with the projects already chosen (%(spent)s ₽) your "
        "choice would exceed the budget of %(budget)s ₽. Withdraw a vote first or choose a "
        "cheaper project."
    ) % {"cost": f"{cost:,.0f}", "spent": f"{spent:,.0f}", "budget": f"{contest.budget:,.0f}"}


def voting_refusal(user, contest: Contest) -> str:
    """Why the user may not vote in the contest now, in words."""
    terms = terms_of(contest)
    if terms is None:
        return _("This contest has no public voting.")
    if closed := stage_refusal(contest, stages.PUBLIC_VOTING):
        return closed
    if not user.is_authenticated:
        return _("Log in to vote.")
    if user.email_confirmed_at is None:
        return _("Confirm your e-mail to vote.")
    if terms.verified_only and user.verified_at is None:
        return _("Only residents with a verified account vote in this contest.")
    if terms.residents_only:
        return _("Only residents of the contest's municipality vote in this contest.")
    return _("You cannot vote in this contest.")


# --- Terms and the ballot ----------------------------------------------------------------------


def voting_terms_set(*, user, contest: Contest, **fields) -> VotingTerms:
    """Set the contest's voting terms (the organizer, before voting opens)."""
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.configure_voting", contest, not_organizer())
        stage = contest.stage_of_kind(stages.PUBLIC_VOTING)
        if stage is not None and timezone.now() >= stage.starts_at:
            raise ValidationError(_("Voting has begun: its terms no longer change."))
        terms = VotingTerms.objects.filter(contest=contest).first() or VotingTerms(contest=contest)
        for name, value in fields.items():
            setattr(terms, name, value)
        terms.full_clean()
        terms.save()
        contest_changed(contest, user=user, action="voting_terms", details=dict(fields))
    return terms


def ballot_open(*, user, contest: Contest) -> int:
    """Put every admitted application on the ballot (idempotent); returns how many are on it."""
    with transaction.atomic():
        contest = lock_contest(contest)
        require(user, "budgeting.configure_voting", contest, not_organizer())
        if terms_of(contest) is None:
            raise ValidationError(_("Set the voting terms first."))
        # Admitted, or already scored where the commission scores before the vote.
        admitted = Application.objects.filter(
            contest=contest,
            status__in=(Application.Status.ADMITTED, Application.Status.EVALUATED),
            vote_tally__isnull=True,
        )
        VoteTally.objects.bulk_create(
            [
                VoteTally(
                    application=a, contest=contest, municipality_id=a.municipality_id, cost=a.cost
                )
                for a in admitted
            ]
        )
        count = VoteTally.objects.filter(contest=contest).count()
        contest_changed(contest, user=user, action="ballot_opened", details={"projects": count})
    return count


# --- Casting and withdrawing -----------------------------------------------------------------


def _ballot_up_sql(source: str = "VALUES (%s, %s, 1, %s, %s, %s, %s, %s, %s)") -> str:
    """The voter's ballot up by one project, refused (no row) past the cap or the budget;
    `source` yields (contest, user, 1, cost, cap, budget, first voted at, network, device)."""
    table = VoterBallot._meta.db_table
    return (
        f"INSERT INTO {table} (contest_id, user_id, votes, spent, cap, budget, first_voted_at, "
        f"network_hash, device_hash) {source} "
        f"ON CONFLICT (contest_id, user_id) DO UPDATE SET votes = {table}.votes + 1, "
        f"spent = {table}.spent + excluded.spent "
        f"WHERE ({table}.cap IS NULL OR {table}.votes < {table}.cap) "
        f"AND ({table}.budget IS NULL OR {table}.spent + excluded.spent <= {table}.budget) "
        "RETURNING votes, contest_id"
    )


def _participants_sql(source: str) -> str:
    """Add a participant to the voter's shard of the contest's count; `source` yields
    (contest_id, shard, 1)."""
    table = ParticipantCount._meta.db_table
    return (
        f"INSERT INTO {table} (contest_id, shard, participants) {source} "
        f"ON CONFLICT (contest_id, shard) DO UPDATE "
        f"SET participants = {table}.participants + excluded.participants"
    )


def _participant_in(contest_id: int, voter_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            _participants_sql("VALUES (%s, %s, 1)"),
            [contest_id, voter_id % ParticipantCount.SHARDS],
        )


def _participant_out(contest_id: int, voter_id: int) -> None:
    # An UPDATE, not the upsert: the databases check the CHECK on the row an upsert proposes.
    ParticipantCount.objects.filter(
        contest_id=contest_id, shard=voter_id % ParticipantCount.SHARDS
    ).update(participants=F("participants") - 1)


def participants_recount(contest: Contest) -> int:
    """Set the contest's participants' count from its ballots, after ballots were stored in bulk
    (a past year's votes, the demo, the benchmark's preparation); returns the count."""
    shards = (
        VoterBallot.objects.filter(contest=contest, votes__gt=0)
        .annotate(shard=F("user_id") % ParticipantCount.SHARDS)
        .values("shard")
        .annotate(n=Count("pk"))
        .values_list("shard", "n")
    )
    with transaction.atomic():
        ParticipantCount.objects.filter(contest=contest).delete()
        ParticipantCount.objects.bulk_create(
            ParticipantCount(contest=contest, shard=shard, participants=n) for shard, n in shards
        )
    return sum(n for _shard, n in shards)


def _ballot_joined(contest: Contest, voter) -> None:
    """The voter's ballot got its first live vote: an event that he takes part in the contest
    (points are given for it), never which project he chose (docs/budgeting.md)."""
    record_event(
        kind="budgeting.ballot_joined",
        subject=contest,
        actor=voter,
        territory=contest.municipality_id,
    )


def _ballot_and_receipt_sql() -> str:
    """The ballot's guarded upsert, the participants' count when it was the voter's first live
    vote, and the receipt when the ballot moved — one statement."""
    receipts = VoteReceipt._meta.db_table
    counted = _participants_sql("SELECT %s, %s, 1 FROM moved WHERE votes = 1")
    return (
        f"WITH moved AS ({_ballot_up_sql()}), counted AS ({counted}) "
        f"INSERT INTO {receipts} (code, contest_id, "
        "application_id, user_id, channel, voting_point_id, created_at) "
        "SELECT %s, %s, %s, %s, %s, %s, %s FROM moved RETURNING id, (SELECT votes FROM moved)"
    )


@lru_cache
def _at_once_chain() -> Chain:
    """The vote's side of its one statement (module docstring). Parameters: the guard's (the
    application, the contest's status, the voter verified, his settlement, the knapsack style,
    now twice, the voting stage), then the parts' (the application, the voter, the knapsack
    style, now, the network and device hashes, the voter's shard, the event's, the receipt's
    code, the application, the voter, the channel, now)."""
    application, contest = Application._meta.db_table, Contest._meta.db_table
    terms, stage = VotingTerms._meta.db_table, ContestStage._meta.db_table
    guard = (
        f"EXISTS (SELECT 1 FROM {application} a JOIN {contest} c ON c.id = a.contest_id "
        f"JOIN {terms} t ON t.contest_id = c.id WHERE a.id = %s AND c.status = %s "
        "AND t.min_choices <= 1 AND (NOT t.verified_only OR %s) AND (NOT t.residents_only OR "
        f"EXISTS (SELECT 1 FROM {Settlement._meta.db_table} s WHERE s.id = %s "
        "AND (c.municipality_id IS NULL OR s.municipality_id = c.municipality_id))) "
        "AND (t.ballot_style <> %s OR a.cost <= c.budget) "
        f"AND (SELECT s.kind FROM {stage} s WHERE s.contest_id = c.id AND s.starts_at <= %s "
        "AND s.ends_at > %s ORDER BY s.position LIMIT 1) = %s)"
    )
    ballot = _ballot_up_sql(
        "SELECT k.contest_id, %s, 1, a.cost, t.max_choices, "
        "CASE WHEN t.ballot_style = %s THEN c.budget END, %s, %s, %s "
        f"FROM counted k JOIN {application} a ON a.id = %s "
        f"JOIN {contest} c ON c.id = k.contest_id JOIN {terms} t ON t.contest_id = c.id"
    )
    joined = event_sql.insert_from(
        f"(SELECT m.contest_id, c.municipality_id FROM moved m JOIN {contest} c "
        "ON c.id = m.contest_id WHERE m.votes = 1) AS first_vote",
        subject_id="contest_id",
        territory="municipality_id",
        payload={},
    )
    receipt = (
        f"INSERT INTO {VoteReceipt._meta.db_table} (code, contest_id, application_id, user_id, "
        "channel, voting_point_id, created_at) SELECT %s, contest_id, %s, %s, %s, NULL, %s "
        "FROM moved RETURNING id, contest_id"
    )
    participating = _participants_sql("SELECT contest_id, %s, 1 FROM moved WHERE votes = 1")
    then = (
        f", moved AS ({ballot}), participating AS ({participating}), joined AS ({joined}), "
        f"receipt AS ({receipt})"
    )
    return Chain(guard=guard, then=then, required="receipt")


def _cast_at_once(voter, application_id: int, trace: Trace) -> VoteReceipt | None:
    """A web vote in one statement (PostgreSQL); None when it counted nothing. The voter's side
    of the rule is asked here, in Python (no query); the contest's by the statement."""
    if not can_participate(voter):
        return None
    now = timezone.now()
    code = new_receipt_code()
    knapsack = BallotStyle.KNAPSACK
    guard = [
        application_id,
        Contest.Status.PUBLISHED,
        is_verified(voter),
        voter.settlement_id,
        knapsack,
        now,
        now,
        stages.PUBLIC_VOTING,
    ]
    joined = event_sql.event_params(
        kind="budgeting.ballot_joined",
        subject_type=Contest._meta.label_lower,
        actor=voter,
        occurred_at=now,
    )
    parts = [
        voter.pk,
        knapsack,
        now,
        keyed_hash(trace.network),
        keyed_hash(trace.device),
        application_id,
        voter.pk % ParticipantCount.SHARDS,
        *joined,
        code,
        application_id,
        voter.pk,
        Channel.WEB,
        now,
    ]
    row = give_support_chained(
        VOTES,
        user=voter,
        item=VoteTally(pk=application_id),
        chain=_at_once_chain(),
        params=[*guard, *parts],
        now=now,
    )
    if row is None:
        return None
    receipt = VoteReceipt(
        pk=row[0],
        code=code,
        contest_id=row[1],
        application_id=application_id,
        user=voter,
        channel=Channel.WEB,
        created_at=now,
    )
    receipt._state.adding, receipt._state.db = False, "default"
    return receipt


def vote_cast(
    *,
    voter,
    application: Application,
    trace: Trace = Trace(),
    channel: str = Channel.WEB,
    point: VotingPoint | None = None,
) -> VoteReceipt:
    """Vote for one project on the contest's ballot; returns the receipt. Refused with a message:
    outside the voting stage, a voter the terms do not admit, a project not on the ballot, a
    second vote for it, beyond the cap, over the budget (knapsack), or where the ballot asks for
    several projects at once (a minimum above one: `ballot_submit`).

    `application` may be `Application(pk=…)` alone: a web vote on PostgreSQL is then one statement
    (`_cast_at_once`); the project is read (Application.DoesNotExist) only for a vote that
    statement did not count, to ask the rule why."""
    if channel == Channel.WEB and connection.vendor == "postgresql":
        receipt = _cast_at_once(voter, application.pk, trace)
        if receipt is not None:
            return receipt
    if application._state.adding:  # `Application(pk=…)`: the rule needs the row
        application = application_for_vote(application.pk)
    contest = application.contest
    if not voter.has_perm("budgeting.vote_in_contest", contest):
        raise PermissionDenied(voting_refusal(voter, contest))
    terms = contest.voting_terms
    if terms.min_choices > 1:
        raise ValidationError(
            _("Choose at least %(n)s projects on the ballot and submit them together.")
            % {"n": terms.min_choices}
        )
    with transaction.atomic():
        return _cast(voter, application, terms, trace, channel, point)


def _cast(voter, application, terms, trace, channel, point) -> VoteReceipt:
    """The vote's three writes; raises ValidationError (and the caller's transaction rolls back
    everything) when the vote is refused."""
    contest = application.contest
    cost = application.cost
    if terms.is_knapsack and cost > contest.budget:
        raise ValidationError(_budget_message(contest, Decimal(0), cost))
    now = timezone.now()
    _count, created = give_support(VOTES, user=voter, item=VoteTally(pk=application.pk))
    if not created:
        if not VoteTally.objects.filter(pk=application.pk, status="open").exists():
            raise ValidationError(_("This project is not on the ballot."))
        raise ValidationError(_("You have already voted for this project."), code="already_voted")
    ballot_params = [
        contest.pk,
        voter.pk,
        cost,
        terms.max_choices,
        contest.budget if terms.is_knapsack else None,
        now,
        keyed_hash(trace.network),
        keyed_hash(trace.device),
    ]
    receipt = VoteReceipt(
        code=new_receipt_code(),
        contest=contest,
        application=application,
        user=voter,
        channel=channel,
        voting_point=point,
        created_at=now,
    )
    if connection.vendor == "postgresql" and channel == Channel.WEB:
        # The ballot's guarded upsert and the receipt in one prepared statement: the receipt is
        # written only when the ballot moved.
        shard_params = [contest.pk, voter.pk % ParticipantCount.SHARDS]
        receipt_params = [receipt.code, contest.pk, application.pk, voter.pk, channel, None, now]
        row = run_prepared(
            _ballot_and_receipt_sql(), [*ballot_params, *shard_params, *receipt_params]
        )
        if row is not None:
            receipt.pk = row[0]
            receipt._state.adding, receipt._state.db = False, "default"
            if row[1] == 1:
                _ballot_joined(contest, voter)
            return receipt
        moved = None
    else:
        with connection.cursor() as cursor:
            cursor.execute(_ballot_up_sql(), ballot_params)
            moved = cursor.fetchone()
    if moved is None:
        ballot = VoterBallot.objects.get(contest=contest, user=voter)
        if terms.max_choices is not None and ballot.votes >= terms.max_choices:
            raise ValidationError(_cap_message(terms))
        raise ValidationError(_budget_message(contest, ballot.spent, cost))
    if moved[0] == 1:
        _participant_in(contest.pk, voter.pk)
        _ballot_joined(contest, voter)
    if channel == Channel.PAPER:
        PublicVote.objects.filter(tally_id=application.pk, user=voter).update(
            channel=Channel.PAPER, voting_point=point
        )
        VoteTally.objects.filter(pk=application.pk).update(paper_votes=F("paper_votes") + 1)
    receipt.save(force_insert=True)
    return receipt


def vote_withdraw(*, voter, application: Application) -> VoteReceipt:
    """Take a vote back while voting is open (if the terms allow); its receipt then says it was
    withdrawn. A ballot with a minimum cannot drop below it except to nothing."""
    contest = application.contest
    if not voter.has_perm("budgeting.withdraw_vote", contest):
        if voter.has_perm("budgeting.vote_in_contest", contest):
            raise PermissionDenied(_("In this contest a vote cannot be withdrawn."))
        raise PermissionDenied(voting_refusal(voter, contest))
    with transaction.atomic():
        receipt = _withdraw(voter, application, contest.voting_terms, check_minimum=True)
    return receipt


def _withdraw(voter, application, terms, *, check_minimum: bool) -> VoteReceipt:
    contest = application.contest
    tally = VoteTally(pk=application.pk)
    _count, withdrawn = withdraw_support(VOTES, user=voter, item=tally)
    if not withdrawn:
        raise ValidationError(_("You have not voted for this project."))
    ballot = VoterBallot.objects.select_for_update().get(contest=contest, user=voter)
    ballot.votes -= 1
    ballot.spent -= application.cost
    if check_minimum and 0 < ballot.votes < terms.min_choices:
        raise ValidationError(
            _("The ballot needs at least %(n)s projects: withdraw them all or keep %(n)s.")
            % {"n": terms.min_choices}
        )
    VoterBallot.objects.filter(pk=ballot.pk).update(
        votes=F("votes") - 1, spent=F("spent") - application.cost
    )
    if ballot.votes == 0:
        _participant_out(contest.pk, voter.pk)
        record_event(
            kind="budgeting.ballot_left",
            subject=contest,
            actor=voter,
            territory=contest.municipality_id,
        )
    receipt = VoteReceipt.objects.get(application=application, user=voter, withdrawn_at=None)
    receipt.withdrawn_at = timezone.now()
    receipt.save(update_fields=["withdrawn_at"])
    if receipt.channel == Channel.PAPER:
        VoteTally.objects.filter(pk=application.pk).update(paper_votes=F("paper_votes") - 1)
        PointTally.objects.filter(contest=contest, voting_point=receipt.voting_point_id).update(
            votes=F("votes") - 1
        )
    return receipt


def ballot_submit(
    *,
    voter,
    contest: Contest,
    chosen: Iterable[int],
    trace: Trace = Trace(),
    channel: str = Channel.WEB,
    point: VotingPoint | None = None,
) -> list[VoteReceipt]:
    """Make the voter's choices in the contest exactly `chosen` (application ids), as a whole:
    new choices are cast, dropped ones withdrawn, and the minimum, the cap and the budget hold
    for the result, or nothing changes. Returns the receipts of the new votes. A paper ballot's
    voter was identified in person by the point's staff (`paper_vote_enter` checks the stage)."""
    if channel == Channel.WEB and not voter.has_perm("budgeting.vote_in_contest", contest):
        raise PermissionDenied(voting_refusal(voter, contest))
    terms = contest.voting_terms
    chosen = set(chosen)
    tallies = {
        t.pk: t
        for t in VoteTally.objects.filter(contest=contest, status="open").select_related(
            "application"
        )
    }
    if unknown := chosen - set(tallies):
        raise ValidationError(
            _("These projects are not on this ballot: %(ids)s.")
            % {"ids": ", ".join(map(str, sorted(unknown)))}
        )
    if chosen and len(chosen) < terms.min_choices:
        raise ValidationError(
            _("Choose at least %(n)s projects.") % {"n": terms.min_choices}, code="min"
        )
    if terms.max_choices is not None and len(chosen) > terms.max_choices:
        raise ValidationError(
            _("Choose at most %(n)s projects.") % {"n": terms.max_choices}, code="max"
        )
    total = sum((tallies[pk].cost for pk in chosen), Decimal(0))
    if terms.is_knapsack and total > contest.budget:
        raise ValidationError(
            _(
                "The chosen projects cost %(total)s ₽, more than the budget of %(budget)s ₽. "
                "Leave out some of them."
            )
            % {"total": f"{total:,.0f}", "budget": f"{contest.budget:,.0f}"},
            code="budget",
        )
    receipts = []
    with transaction.atomic():
        # The ballot's row first (made empty if new), then every change under its lock.
        VoterBallot.objects.get_or_create(
            contest=contest,
            user=voter,
            defaults={
                "first_voted_at": timezone.now(),
                "network_hash": keyed_hash(trace.network),
                "device_hash": keyed_hash(trace.device),
                "cap": terms.max_choices,
                "budget": contest.budget if terms.is_knapsack else None,
            },
        )
        VoterBallot.objects.select_for_update().get(contest=contest, user=voter)
        had = set(
            PublicVote.objects.filter(tally__contest=contest, user=voter).values_list(
                "tally_id", flat=True
            )
        )
        dropped = had - chosen
        if dropped and not terms.withdrawal_allowed:
            raise ValidationError(_("In this contest a vote cannot be withdrawn."))
        # The projects' rows in one order (their ids) before any counter moves: two ballots that
        # withdraw and add the same projects the other way round queue instead of deadlocking.
        changed = sorted(dropped | (chosen - had))
        list(
            VoteTally.objects.select_for_update()
            .filter(pk__in=changed)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in sorted(dropped):
            _withdraw(voter, tallies[pk].application, terms, check_minimum=False)
        for pk in sorted(chosen - had):
            receipts.append(_cast(voter, tallies[pk].application, terms, trace, channel, point))
    return receipts


def paper_vote_enter(
    *,
    actor,
    point: VotingPoint,
    contest: Contest,
    chosen: Iterable[int],
    phone: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> list[VoteReceipt]:
    """A voting point's staff enters a resident's paper ballot: the resident is found or made by
    `voting.services.paper_voter`, then the same `ballot_submit` runs, so one vote per person per
    project holds across both channels; the point's subtotal goes up. One transaction."""
    from veche.voting.services import paper_voter

    if not actor.has_perm("voting.enter_paper_ballot", point):
        raise PermissionDenied(_("You do not enter ballots at this voting point."))
    if not actor.has_perm("budgeting.accept_paper_votes", contest):
        raise PermissionDenied(stage_refusal(contest, stages.PUBLIC_VOTING) or not_organizer())
    with transaction.atomic():
        voter = paper_voter(
            actor=actor,
            point=point,
            phone=phone,
            email=email,
            first_name=first_name,
            last_name=last_name,
        )
        receipts = ballot_submit(
            voter=voter,
            contest=contest,
            chosen=set(chosen)
            | set(
                PublicVote.objects.filter(tally__contest=contest, user=voter).values_list(
                    "tally_id", flat=True
                )
            ),
            channel=Channel.PAPER,
            point=point,
        )
        if not receipts:
            raise ValidationError(_("This resident has already voted for these projects."))
        PointTally.objects.get_or_create(contest=contest, voting_point=point)
        PointTally.objects.filter(contest=contest, voting_point=point).update(
            votes=F("votes") + len(receipts)
        )
        audit_log(
            actor=actor,
            action="budgeting.paper_votes",
            target=contest,
            details={"point": point.pk, "votes": len(receipts)},
        )
    return receipts


def receipt_status(*, contest: Contest, code: str) -> str:
    """What a receipt code says on the contest page: counted, withdrawn, or unknown. Nothing of
    the project or the voter."""
    code = code.strip().upper()
    receipt = VoteReceipt.objects.filter(contest=contest, code=code).first()
    if receipt is None:
        return _("No vote in this contest has this receipt. Check the code.")
    if receipt.withdrawn_at is not None:
        return _("This vote was cast on %(cast)s and withdrawn on %(withdrawn)s.") % {
            "cast": local_datetime(receipt.created_at),
            "withdrawn": local_datetime(receipt.withdrawn_at),
        }
    return _("This vote, cast on %(cast)s, is counted.") % {
        "cast": local_datetime(receipt.created_at)
    }
