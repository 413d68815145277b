"""Demo of public voting (docs/demo.md): Surgut's people's budget 2026, in its voting now, gets
its terms (approval, at most three projects) and a few hundred votes; three past contests ranked
by votes alone (Surgut 2025, Urai 2025 and Khanty-Mansiysk 2025) are closed with their votes and
their winners — two by filling the budget in rank order, one by the Method of Equal Shares.

The votes of past contests are generated from a fixed seed (`approval_ballots`) and stored in
bulk, as an import of a past year would be; the tests recompute the winners of the same three
contests with `pabutools`. Idempotent: a contest found by its title is left alone.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from veche.accounts.models import User
from veche.territory.models import Municipality

from . import stages as kinds
from .models import (
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
from .services.voting import new_receipt_code, participants_recount

DAY = timedelta(days=1)
VOTERS_EMAIL = "voter{n}@demo.veche"

PAST_CONTESTS = [
    {
        "title": "Народный бюджет Сургута — 2025",
        "municipality": "Сургут",
        "budget": Decimal(12_000_000),
        "method": "greedy",
        "voters": 160,
        "seed": 2025,
        "projects": [
            ("Сквер у ДК «Нефтяник»", 4_800_000),
            ("Детская площадка на Иосифа Каролинского, 14", 2_100_000),
            ("Освещение аллеи на Университетской", 1_700_000),
            ("Спортплощадка у школы № 31", 3_900_000),
            ("Тротуар к поликлинике на Сибирской", 2_600_000),
            ("Зона отдыха у пруда в Заячьем", 1_200_000),
            ("Скейт-площадка в 37-м микрорайоне", 3_300_000),
            ("Ремонт двора на Энгельса, 7", 2_900_000),
        ],
    },
    {
        "title": "Твой бюджет — Урай 2025",
        "municipality": "Урай",
        "budget": Decimal(6_000_000),
        "method": "equal_shares",
        "voters": 120,
        "seed": 725,
        "projects": [
            ("Каток в микрорайоне «Западный»", 1_900_000),
            ("Беседки на набережной Конды", 800_000),
            ("Площадка для выгула собак", 650_000),
            ("Музей под открытым небом у школы № 5", 2_300_000),
            ("Лыжная трасса с освещением", 2_700_000),
            ("Библиотечный дворик", 450_000),
        ],
    },
    {
        "title": "Инициативы Ханты-Мансийска — 2025",
        "municipality": "Ханты-Мансийск",
        "budget": Decimal(9_000_000),
        "method": "greedy",
        "voters": 140,
        "seed": 86,
        "projects": [
            ("Смотровая площадка на Самаровском останце", 3_400_000),
            ("Велодорожка по Мира", 2_800_000),
            ("Сенсорный сад для детей", 1_100_000),
            ("Площадка воркаута у колледжа", 900_000),
            ("Реконструкция фонтана в сквере", 4_100_000),
            ("Навес и лавки на остановке «Гидронамыв»", 600_000),
            ("Арт-объекты на набережной Иртыша", 1_500_000),
        ],
    },
]


def approval_ballots(n_projects: int, voters: int, seed: int) -> list[set[int]]:
    """Each voter's approved projects (indices), from a fixed seed: every project has its own
    popularity, every voter approves one to four projects."""
    rng = random.Random(seed)
    weights = [rng.uniform(0.2, 3.0) for _n in range(n_projects)]
    ballots = []
    for _voter in range(voters):
        size = rng.randint(1, min(4, n_projects))
        chosen: set[int] = set()
        while len(chosen) < size:
            chosen.add(rng.choices(range(n_projects), weights=weights)[0])
        ballots.append(chosen)
    return ballots


def demo_voters(count: int) -> list[User]:
    """Residents who vote in the demo (confirmed e-mail), made once."""
    existing = {u.email: u for u in User.objects.filter(email__endswith="@demo.veche")}
    voters = []
    joined = timezone.now() - timedelta(days=900)
    for n in range(1, count + 1):
        email = VOTERS_EMAIL.format(n=n)
        user = existing.get(email)
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=None,
                first_name="Житель",
                last_name=f"Голосующий {n}",
                email_confirmed_at=joined,
                personal_data_consent_at=joined,
            )
            User.objects.filter(pk=user.pk).update(date_joined=joined)
        voters.append(user)
    return voters


def store_votes(contest: Contest, tallies: list[VoteTally], voters, ballots, *, start) -> None:
    """Votes as rows, counters and ballots in bulk (a past year's import); `ballots` are indices
    into `tallies`, one per voter."""
    votes, receipts, ballot_rows = [], [], []
    for n, (voter, ballot) in enumerate(zip(voters, ballots, strict=False)):
        moment = start + timedelta(minutes=7 * n)
        chosen = [tallies[i] for i in sorted(ballot)]
        votes += [PublicVote(tally=t, user=voter, created_at=moment) for t in chosen]
        receipts += [
            VoteReceipt(
                code=new_receipt_code(),
                contest=contest,
                application_id=t.pk,
                user=voter,
                created_at=moment,
            )
            for t in chosen
        ]
        ballot_rows.append(
            VoterBallot(
                contest=contest,
                user=voter,
                votes=len(chosen),
                spent=sum((t.cost for t in chosen), Decimal(0)),
                first_voted_at=moment,
            )
        )
    PublicVote.objects.bulk_create(votes, batch_size=2000)
    PublicVote.objects.filter(tally__contest=contest).update(created_at=start)
    VoteReceipt.objects.bulk_create(receipts, batch_size=2000)
    VoterBallot.objects.bulk_create(ballot_rows, batch_size=2000)
    counted = (
        PublicVote.objects.filter(tally__contest=contest).values("tally_id").annotate(n=Count("pk"))
    )
    for row in counted:
        VoteTally.objects.filter(pk=row["tally_id"]).update(votes=row["n"])
    participants_recount(contest)


def seed() -> None:
    with transaction.atomic():
        voters = demo_voters(max(spec["voters"] for spec in PAST_CONTESTS))
        for spec in PAST_CONTESTS:
            if not Contest.objects.filter(title=spec["title"]).exists():
                _past_contest(spec, voters)
        _current_voting(voters)


def _past_contest(spec: dict, voters: list[User]) -> Contest:
    from .models import ApplicationTimelineEntry, VotingResult
    from .services.results import decide, set_outcomes

    municipality = Municipality.objects.filter(name=spec["municipality"]).first()
    organizer = User.objects.filter(is_superuser=True).first() or voters[0]
    now = timezone.now()
    year_ago = now - 365 * DAY
    contest = Contest.objects.create(
        title=spec["title"],
        rules="<p>Проекты благоустройства, выбранные жителями голосованием.</p>",
        municipality=municipality,
        organizer=organizer,
        status=Contest.Status.PUBLISHED,
        published_at=year_ago - 90 * DAY,
        budget=spec["budget"],
        accepts_groups=True,
    )
    for position, (kind, start, end) in enumerate(
        (
            (kinds.APPLICATIONS, -90, -60),
            (kinds.TECHNICAL_REVIEW, -60, -30),
            (kinds.PUBLIC_VOTING, -30, -10),
            (kinds.RESULTS, -10, 0),
        ),
        start=1,
    ):
        ContestStage.objects.create(
            contest=contest,
            kind=kind,
            position=position,
            starts_at=year_ago + start * DAY,
            ends_at=year_ago + end * DAY,
        )
    VotingTerms.objects.create(contest=contest, max_choices=4, winner_method=spec["method"])
    version = TemplateVersion.objects.create(contest=contest, number=1, published_at=year_ago)
    place = municipality or Municipality.objects.first()
    tallies = []
    for n, (title, cost) in enumerate(spec["projects"]):
        application = Application.objects.create(
            contest=contest,
            version=version,
            kind=Application.Kind.INDIVIDUAL,
            municipality=place,
            author=voters[n],
            title=title,
            status=Application.Status.ADMITTED,
            cost=Decimal(cost),
            amount_municipality=Decimal(cost),
            submitted_at=year_ago - (70 - n) * DAY,
        )
        tallies.append(
            VoteTally.objects.create(
                application=application, contest=contest, municipality=place, cost=Decimal(cost)
            )
        )
    ballots = approval_ballots(len(tallies), spec["voters"], spec["seed"])
    store_votes(contest, tallies, voters, ballots, start=year_ago - 25 * DAY)
    decisions, seed = decide(contest)
    result = VotingResult.objects.create(
        contest=contest,
        ranking="votes",
        method=spec["method"],
        tie_rule="earlier",
        seed=seed,
        decisions=[d.as_json() for d in decisions],
        computed_at=year_ago - 9 * DAY,
        computed_by=organizer,
    )
    set_outcomes(result, organizer)  # the applications: winners and not selected
    ApplicationTimelineEntry.objects.filter(
        application__contest=contest, status__in=("winner", "not_selected")
    ).update(created_at=result.computed_at)
    return contest


def _current_voting(voters: list[User]) -> None:
    """Surgut 2026, in its voting now: terms, its admitted applications on the ballot, votes."""
    contest = Contest.objects.filter(title="Народный бюджет Сургута — 2026").first()
    if contest is None or VotingTerms.objects.filter(contest=contest).exists():
        return
    VotingTerms.objects.create(contest=contest, max_choices=3)
    admitted = Application.objects.filter(contest=contest, status=Application.Status.ADMITTED)
    tallies = [
        VoteTally.objects.create(
            application=a, contest=contest, municipality_id=a.municipality_id, cost=a.cost
        )
        for a in admitted.order_by("submitted_at", "pk")
    ]
    if not tallies:
        return
    ballots = approval_ballots(len(tallies), 90, 2026)
    store_votes(contest, tallies, voters[20:110], ballots, start=timezone.now() - 4 * DAY)
