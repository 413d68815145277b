"""Initiative-budgeting contests for the benchmark, at seed 002's scale (issue 12): four regional
contests with 543 applications between them and a grants contest of individuals with 1,162, each
contest's applications stage open now and its template the demo's ten fields. A bench resident
reviews them all (the reviewers' queue is measured as him). Called by bench/prepare.py after
Django is set up.

Bulk inserts, not the services: this is data generation. Idempotent: a contest is found by its
title, and its applications are topped up to the asked number.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.budgeting import stages
from veche.budgeting.demo import FIELDS
from veche.budgeting.demo_applications import DIRECTIONS
from veche.budgeting.models import (
    Application,
    Contest,
    ContestReviewer,
    ContestStage,
    RejectionReason,
    TemplateField,
    TemplateVersion,
)
from veche.budgeting.services.templates import check_field
from veche.territory.models import Municipality

REGIONAL = "Бенчмарк: ИБ Югры, конкурс"  # + " № n"
GRANTS = "Бенчмарк: грантовый конкурс"
# Seed 002: 543 applications in the four regional contests, 1,162 in the grants contest.
REGIONAL_APPLICATIONS = (136, 136, 136, 135)
GRANT_APPLICATIONS = 1_162
REVIEWER = "r61@bench.veche"  # a key holder, not an author
DAY = timedelta(days=1)
# Mostly waiting or decided; a few drafts, which the queue leaves out.
STATUSES = (
    [Application.Status.SUBMITTED] * 5
    + [Application.Status.REVISION] * 2
    + [Application.Status.ADMITTED] * 4
    + [Application.Status.REJECTED] * 2
    + [Application.Status.DRAFT]
)
TITLES = [
    "Детская площадка во дворе",
    "Освещение сквера",
    "Тротуар к школе",
    "Памятный знак землякам",
    "Спортивная площадка у дома культуры",
    "Скамейки и урны на набережной",
]


def contests() -> list[Contest]:
    """The five bench contests, made once: the regional ones first, the grants contest last."""
    organizer = User.objects.get(email="r0@bench.veche")
    specs = [
        (f"{REGIONAL} № {n}", {"accepts_groups": False, "accepts_municipalities": True})
        for n in range(1, len(REGIONAL_APPLICATIONS) + 1)
    ] + [(GRANTS, {"accepts_groups": False, "accepts_individuals": True})]
    return [_contest(title, organizer, flags) for title, flags in specs]


@transaction.atomic
def _contest(title: str, organizer: User, flags: dict) -> Contest:
    found = Contest.objects.filter(title=title).first()
    if found:
        return found
    now = timezone.now()
    contest = Contest.objects.create(
        title=title,
        rules="<p>Конкурс для нагрузочного теста: проекты благоустройства.</p>",
        organizer=organizer,
        budget=Decimal(200_000_000),
        subsidy_cap=Decimal(3_000_000),
        min_share_region=Decimal(0),
        min_share_municipality=Decimal(5),
        min_share_residents=Decimal(3),
        min_share_businesses=Decimal(0),
        min_share_in_kind=Decimal(0),
        status=Contest.Status.PUBLISHED,
        published_at=now - 20 * DAY,
        **flags,
    )
    kinds = (stages.APPLICATIONS, stages.TECHNICAL_REVIEW, stages.PUBLIC_VOTING, stages.RESULTS)
    start = now - 10 * DAY
    ContestStage.objects.bulk_create(
        ContestStage(
            contest=contest,
            kind=kind,
            position=n,
            starts_at=start + 30 * DAY * (n - 1),
            ends_at=start + 30 * DAY * n,
        )
        for n, kind in enumerate(kinds, start=1)
    )
    version = TemplateVersion.objects.create(
        contest=contest, number=1, published_at=now - 20 * DAY, created_by=organizer
    )
    TemplateField.objects.bulk_create(
        TemplateField(version=version, key=f"field-{n}", position=n, **check_field(spec))
        for n, spec in enumerate(FIELDS, start=1)
    )
    return contest


def applications(contest: Contest, count: int, authors: list[User], seed: int = 13) -> None:
    """Top up the contest's applications to `count`: municipalities apply to a regional
    contest, individuals to the grants contest."""
    missing = count - contest.applications.count()
    if missing <= 0:
        return
    rng = random.Random(seed + contest.pk + missing)
    version = contest.template_versions.get(number=1)
    municipalities = list(Municipality.objects.all())
    reasons = list(RejectionReason.objects.filter(is_active=True))
    kind = Application.Kind.MUNICIPALITY if contest.accepts_municipalities else "individual"
    now = timezone.now()
    batch = []
    for n in range(missing):
        status = rng.choice(STATUSES)
        municipality = rng.choice(municipalities)
        cost = Decimal(rng.randrange(500, 3_000)) * 1000
        residents = (cost * Decimal("0.05")).quantize(Decimal(1))
        local = (cost * Decimal("0.10")).quantize(Decimal(1))
        submitted = now - timedelta(minutes=rng.randrange(60 * 24 * 9))
        title = f"{rng.choice(TITLES)} (№ {n})"
        batch.append(
            Application(
                contest=contest,
                version=version,
                kind=kind,
                municipality=municipality,
                author=rng.choice(authors),
                title=title,
                status=status,
                answers={
                    "field-1": title,
                    "field-2": "Бенчмарк: описание проекта и того, кому он поможет.",
                    "field-3": rng.choice(DIRECTIONS),
                    "field-4": {"lat": municipality.centre_lat, "lon": municipality.centre_lon},
                    "field-5": str(cost),
                    "field-6": str(rng.randrange(50, 5000)),
                },
                cost=cost,
                amount_region=cost - residents - local,
                amount_municipality=local,
                amount_residents=residents,
                submitted_at=None if status == Application.Status.DRAFT else submitted,
                revision_count=1 if status == Application.Status.REVISION else 0,
                revision_due=now + 5 * DAY if status == Application.Status.REVISION else None,
                decided_at=submitted + DAY if status in ("admitted", "rejected") else None,
                rejection_reason=rng.choice(reasons) if status == "rejected" else None,
            )
        )
    Application.objects.bulk_create(batch, batch_size=500)


def reviewer(contests: list[Contest]) -> User:
    """The bench resident who reviews every bench contest."""
    person = User.objects.get(email=REVIEWER)
    for contest in contests:
        ContestReviewer.objects.get_or_create(
            contest=contest, user=person, defaults={"added_by": contest.organizer}
        )
    return person


def prepare(authors: list[User]) -> list[Contest]:
    made = contests()
    for contest, count in zip(made, [*REGIONAL_APPLICATIONS, GRANT_APPLICATIONS], strict=True):
        applications(contest, count, authors)
    reviewer(made)
    return made
