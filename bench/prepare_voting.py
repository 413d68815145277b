"""Public voting for the benchmark (issue 13): a contest in its public voting with 200 projects on
the ballot (approval, no cap) that the key holders vote in through the API — each key holder
votes for each project once, so 250 keys give a run 50,000 first votes (40 projects ran out on a
quiet machine) — and a closed contest with 40 projects whose votes are stored in bulk
(`--votes`, 802,034 in seed 002 — as many as the machine's patience allows: bench/prepare.py
passes what it was given) and whose results page is measured. Called by bench/prepare.py after
Django is set up.

The stored votes are data generation: synthetic voters (4 votes each) made by one statement per
batch, their votes and ballots copied in (COPY on PostgreSQL) and the tallies' counters set from
the rows (no receipts: nobody checks them); 802,034 votes take about a minute.
It tops up: contests that exist are kept, the open one given the projects it lacks. Each run
takes back the key holders' votes in the open contest and sets its counters from the rows, so
"vote for a project (API)" measures first votes.
"""

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Count
from django.utils import timezone

from bench.prepare_polls import copy_rows
from veche.accounts.models import User
from veche.budgeting import stages
from veche.budgeting.models import (
    Application,
    Contest,
    ContestStage,
    PublicVote,
    TemplateVersion,
    VoterBallot,
    VoteReceipt,
    VoteTally,
    VotingTerms,
)
from veche.budgeting.services.voting import participants_recount
from veche.territory.models import Municipality

# Not "Бенчмарк: …": bench/prepare_budgeting.py's contests are found by that prefix.
OPEN_TITLE, CLOSED_TITLE = "Голосование (бенчмарк): открытое", "Голосование (бенчмарк): итоги"
PROJECTS, OPEN_PROJECTS, PER_VOTER = 40, 200, 4
DAY = timedelta(days=1)


def voting(stored_votes: int, supporters: list[User]) -> tuple[Contest, Contest]:
    started = time.monotonic()
    opened = Contest.objects.filter(title=OPEN_TITLE).first() or _contest(OPEN_TITLE, open_now=True)
    _projects(opened, OPEN_PROJECTS)
    closed = Contest.objects.filter(title=CLOSED_TITLE).first() or _contest(
        CLOSED_TITLE, open_now=False
    )
    have = PublicVote.objects.filter(tally__contest=closed).count()
    if have < stored_votes:
        _store(closed, stored_votes - have)
    reset(opened, supporters)
    print(f"  voting prepared in {time.monotonic() - started:.0f} s")
    return opened, closed


def _contest(title: str, *, open_now: bool) -> Contest:
    surgut = Municipality.objects.get(name="Сургут")
    organizer = User.objects.filter(is_superuser=True).first() or User.objects.first()
    now = timezone.now()
    start = now - 40 * DAY if open_now else now - 400 * DAY
    with transaction.atomic():
        contest = Contest.objects.create(
            title=title,
            municipality=surgut,
            organizer=organizer,
            status=Contest.Status.PUBLISHED,
            published_at=start,
            budget=Decimal(60_000_000),
        )
        kinds = (stages.APPLICATIONS, stages.TECHNICAL_REVIEW, stages.PUBLIC_VOTING, stages.RESULTS)
        spans = (
            ((0, 15), (15, 30), (30, 200), (200, 600))
            if open_now
            else ((0, 15), (15, 30), (30, 45), (45, 300))
        )
        for position, (kind, (a, b)) in enumerate(zip(kinds, spans, strict=True), start=1):
            ContestStage.objects.create(
                contest=contest,
                kind=kind,
                position=position,
                starts_at=start + a * DAY,
                ends_at=start + b * DAY,
            )
        VotingTerms.objects.create(contest=contest)
        TemplateVersion.objects.create(contest=contest, number=1, published_at=start)
    _projects(contest, PROJECTS)
    return contest


def _projects(contest: Contest, wanted: int) -> None:
    """Admitted projects on the contest's ballot, up to `wanted` (the first ones as before)."""
    have = VoteTally.objects.filter(contest=contest).count()
    if have >= wanted:
        return
    version = TemplateVersion.objects.get(contest=contest, number=1)
    rng = random.Random(13)
    costs = [Decimal(rng.randrange(300, 5000) * 1000) for _n in range(wanted)]
    with transaction.atomic():
        for n in range(have, wanted):
            application = Application.objects.create(
                contest=contest,
                version=version,
                kind=Application.Kind.INDIVIDUAL,
                municipality=contest.municipality,
                author=contest.organizer,
                title=f"Бенчмарк: проект {n + 1}",
                status=Application.Status.ADMITTED,
                cost=costs[n],
                amount_municipality=costs[n],
                submitted_at=contest.published_at + DAY + n * timedelta(minutes=5),
            )
            VoteTally.objects.create(
                application=application,
                contest=contest,
                municipality=contest.municipality,
                cost=costs[n],
            )


def _store(contest: Contest, votes: int) -> None:
    """`votes` more votes by new synthetic voters (PER_VOTER each): the voters made by one
    statement per batch (PostgreSQL: INSERT … SELECT generate_series), their votes and ballots
    copied in (COPY; executemany on SQLite)."""
    tallies = list(VoteTally.objects.filter(contest=contest).order_by("pk"))
    rng = random.Random(votes)
    weights = [rng.uniform(0.2, 3.0) for _t in tallies]
    first = User.objects.filter(email__startswith="bv", email__endswith="@bench.veche").count()
    voters_needed = -(-votes // PER_VOTER)
    moment = contest.stage_of_kind(stages.PUBLIC_VOTING).starts_at + DAY
    batch = 25_000
    left = votes
    for offset in range(0, voters_needed, batch):
        size = min(batch, voters_needed - offset)
        rows, ballots = [], []
        for user_id in _voters(first + offset, size, moment):
            count = min(PER_VOTER, left)
            chosen: set[int] = set()
            while len(chosen) < count:
                chosen.add(rng.choices(range(len(tallies)), weights=weights)[0])
            rows += [(tallies[i].pk, user_id, moment) for i in chosen]
            spent = sum((tallies[i].cost for i in chosen), Decimal(0))
            ballots.append((contest.pk, user_id, count, spent, moment, "", ""))
            left -= count
        with transaction.atomic():
            copy_rows(PublicVote, ["tally_id", "user_id", "created_at"], rows)
            copy_rows(VoterBallot, BALLOT_COLUMNS, ballots)
    _recount(contest)


BALLOT_COLUMNS = [
    "contest_id",
    "user_id",
    "votes",
    "spent",
    "first_voted_at",
    "network_hash",
    "device_hash",
]


def _voters(first: int, size: int, moment) -> list[int]:
    """The ids of `size` new synthetic voters bv<first>… with a confirmed e-mail."""
    template = User(
        email="",
        password=make_password(None),
        first_name="Бенч",
        last_name="Голосующий",
        email_confirmed_at=moment,
    )
    if connection.vendor != "postgresql":
        users = [
            User(**{f.attname: getattr(template, f.attname) for f in _user_fields()})
            for _n in range(size)
        ]
        for n, user in enumerate(users):
            user.email = f"bv{first + n}@bench.veche"
        User.objects.bulk_create(users, batch_size=5000)
        emails = [u.email for u in users]
        return list(User.objects.filter(email__in=emails).values_list("pk", flat=True))
    fields = _user_fields()
    values, params = [], []
    for field in fields:
        if field.attname == "email":
            values.append("'bv' || n || '@bench.veche'")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(getattr(template, field.attname), connection))
    names = ", ".join(f.column for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {User._meta.db_table} ({names}) SELECT {', '.join(values)} "
            "FROM generate_series(%s::integer, %s::integer) AS n RETURNING id",
            [*params, first, first + size - 1],
        )
        return [row[0] for row in cursor.fetchall()]


def _user_fields() -> list:
    """The user's columns a voter gets (not the id, nor those the database fills itself)."""
    return [
        f
        for f in User._meta.concrete_fields
        if not f.primary_key and f.db_default is models.NOT_PROVIDED
    ]


def _recount(contest: Contest) -> None:
    participants_recount(contest)
    counted = dict(
        PublicVote.objects.filter(tally__contest=contest)
        .values_list("tally_id")
        .annotate(n=Count("pk"))
        .values_list("tally_id", "n")
    )
    with transaction.atomic():
        for tally in VoteTally.objects.filter(contest=contest):
            VoteTally.objects.filter(pk=tally.pk).update(votes=counted.get(tally.pk, 0))


def reset(contest: Contest, supporters: list[User]) -> None:
    """Take back the key holders' votes, ballots and receipts in the open contest."""
    ids = [u.pk for u in supporters]
    with transaction.atomic():
        PublicVote.objects.filter(tally__contest=contest, user_id__in=ids).delete()
        VoterBallot.objects.filter(contest=contest, user_id__in=ids).delete()
        VoteReceipt.objects.filter(contest=contest, user_id__in=ids).delete()
    _recount(contest)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE budgeting_publicvote")
