"""Residents on the demo's objects: the categories mapped to the report topics offered first (and
the general «Объект» sphere for the rest), ratings of completed objects (some with published
comments), and proposals in every state with supports. Idempotent: ratings are one per person
and object by the database, proposals are found by their title and point."""

import datetime
import random

from django.db import transaction
from django.db.models import Case, When
from django.utils import timezone

from veche.accounts.models import User
from veche.comments.models import Comment
from veche.reports.models import Category as Sphere
from veche.reports.models import Topic

from .models import Category, Facility, FacilityVote, Proposal, ProposalSupport, Rating, Status
from .models.residents import ProposalStatus
from .selectors import GENERAL_TOPICS_CATEGORY
from .services.residents import RATING_KIND

# Object category → the report topics (service codes) its objects offer first.
TOPICS = {
    "roads-new": ["potholes", "road-quality", "road-signs"],
    "roads-repair": ["potholes", "road-quality", "road-signs"],
    "roads-reconstruction": ["potholes", "road-quality", "road-signs"],
    "pavements": ["potholes", "road-quality", "snow-roads"],
    "stops": ["bus-stops"],
    "yards": ["green-spaces", "roadside-litter", "yard-snow"],
    "playgrounds": ["playgrounds"],
    "sport-grounds": ["playgrounds"],
    "schools": ["school-buildings", "accessibility"],
    "kindergartens": ["school-buildings", "accessibility"],
    "apartment-repair": ["capital-repair", "roof-leaks"],
    "lighting": ["street-lights"],
}
GENERAL_TOPICS = [
    ("object-quality", "Качество выполненных работ на объекте"),
    ("object-safety", "Опасность на строительной площадке"),
    ("object-delay", "Работы на объекте стоят или срываются сроки"),
]
COMMENTS = [
    "Сделали аккуратно и в срок, спасибо.",
    "Хорошо, но плитку кое-где уже повело.",
    "Давно ждали, стало намного удобнее.",
    "Освещения не хватает вечером.",
    "Качество среднее, бордюры неровные.",
]
PROPOSALS = [
    ("Пешеходный переход у школы", "pavements", "", "Дети переходят дорогу без перехода."),
    ("Освещение сквера", "lighting", "", "Вечером в сквере темно и небезопасно."),
    (
        "Площадка для выгула собак",
        None,
        "Площадки для собак",
        "Собак выгуливают у детских площадок.",
    ),
    ("Ремонт двора у поликлиники", "yards", "", "Во дворе ямы и нет скамеек."),
    ("Велодорожка вдоль набережной", None, "Велоинфраструктура", "Велосипедистам негде ездить."),
    ("Остановочный павильон на конечной", "stops", "", "Люди ждут автобус под дождём."),
]
OUTCOMES = [
    ProposalStatus.PUBLISHED,
    ProposalStatus.PUBLISHED,
    ProposalStatus.PENDING,
    ProposalStatus.ACCEPTED,
    ProposalStatus.DECLINED,
    ProposalStatus.PUBLISHED,
]
DECLINED = "Объект уже включён в программу на следующий год."


def _residents() -> list[User]:
    return list(
        User.objects.filter(
            email__startswith="resident", email__endswith=".demo@demo.veche"
        ).order_by("email")[:30]
    )


def seed_topics() -> None:
    sphere, _created = Sphere.objects.update_or_create(
        slug=GENERAL_TOPICS_CATEGORY, defaults={"name": "Объект", "order": 90, "is_active": True}
    )
    for order, (code, name) in enumerate(GENERAL_TOPICS):
        Topic.objects.update_or_create(
            service_code=code,
            defaults={
                "category": sphere,
                "name": name,
                "order": order,
                "keywords": name.lower(),
                "is_open": True,
            },
        )
    topics = dict(Topic.objects.values_list("service_code", "pk"))
    for category in Category.objects.filter(slug__in=TOPICS):
        wanted = [topics[code] for code in TOPICS[category.slug] if code in topics]
        if wanted and not category.report_topics.exists():
            category.report_topics.set(wanted)


def seed_ratings(residents: list[User], rng: random.Random) -> None:
    completed = list(
        Facility.objects.filter(status=Status.COMPLETED).order_by("pk").only("pk")[:120]
    )
    rows, comments = [], {}
    for n, facility in enumerate(completed):
        for resident in rng.sample(residents, k=min(len(residents), 1 + n % 5)):
            comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
            rows.append(
                Rating(facility=facility, user=resident, score=rng.choice([3, 4, 4, 5, 5, 2]))
            )
            if comment:
                comments[(facility.pk, resident.pk)] = comment
    Rating.objects.bulk_create(rows, ignore_conflicts=True)
    _seed_rating_comments(comments)


def _seed_rating_comments(texts: dict[tuple[int, int], str]) -> None:
    """Published shared comments of the ratings that have none yet (so seeding again adds none)."""
    now = timezone.now()
    ratings = [
        rating
        for rating in Rating.objects.filter(
            comment__isnull=True, facility_id__in={key[0] for key in texts}
        ).select_related("facility")
        if (rating.facility_id, rating.user_id) in texts
    ]
    made = Comment.objects.bulk_create(
        Comment(
            target_kind=RATING_KIND,
            target_id=rating.pk,
            municipality_id=rating.facility.municipality_id,
            author_id=rating.user_id,
            text=texts[(rating.facility_id, rating.user_id)],
            status=Comment.Status.PUBLISHED,
            published_at=now,
        )
        for rating in ratings
    )
    for rating, comment in zip(ratings, made, strict=True):
        rating.comment = comment
    Rating.objects.bulk_update(ratings, ["comment"])


def seed_proposals(residents: list[User], rng: random.Random) -> None:
    every = list(Facility.objects.order_by("pk").values_list("municipality_id", "lat", "lon", "pk"))
    facilities = every[:: max(1, len(every) // 12)][:12]
    categories = {c.slug: c for c in Category.objects.all()}
    now = timezone.now()
    for index, (municipality_id, lat, lon, near) in enumerate(facilities):
        title, slug, new_category, reason = PROPOSALS[index % len(PROPOSALS)]
        status = OUTCOMES[index % len(OUTCOMES)]
        category = categories.get(slug) if slug else None
        if slug and category is None:
            continue
        point = {"lat": round(lat + 0.003, 6), "lon": round(lon + 0.003, 6)}
        proposal, created = Proposal.objects.get_or_create(
            title=title,
            **point,
            defaults={
                "author": residents[index % len(residents)],
                "category": category,
                "new_category": "" if category else new_category,
                "reason": reason,
                "municipality_id": municipality_id,
                "status": status,
                "decision_reason": DECLINED if status == ProposalStatus.DECLINED else "",
                "decided_at": None if status == ProposalStatus.PENDING else now,
                # An accepted proposal is linked to the object beside it, as staff would.
                "facility_id": near if status == ProposalStatus.ACCEPTED else None,
            },
        )
        if not created or status == ProposalStatus.PENDING:
            continue
        supporters = [r for r in residents if r.pk != proposal.author_id]
        chosen = rng.sample(supporters, k=min(len(supporters), 3 + index * 2))
        ProposalSupport.objects.bulk_create(
            [ProposalSupport(proposal=proposal, user=user) for user in chosen],
            ignore_conflicts=True,
        )
        proposal.support_count = ProposalSupport.objects.filter(proposal=proposal).count()
        proposal.save(update_fields=["support_count"])


def seed_votes(residents: list[User], rng: random.Random) -> None:
    """Six planned objects put to a month's vote, Surgut's first (the demo mayor's dashboard
    counts them), with residents' votes (any resident of the region, as the demo residents live
    everywhere)."""
    now = timezone.now()
    surgut_first = Case(When(municipality__slug="surgut", then=0), default=1)
    planned = list(Facility.objects.filter(status=Status.PLANNED).order_by(surgut_first, "pk")[:6])
    for index, facility in enumerate(planned):
        if facility.vote_opens is None:
            facility.vote_opens = now - datetime.timedelta(days=3)
            facility.vote_closes = now + datetime.timedelta(days=27)
            facility.vote_anyone = True
            facility.save(update_fields=["vote_opens", "vote_closes", "vote_anyone"])
        chosen = rng.sample(residents, k=min(len(residents), 4 + 3 * index))
        FacilityVote.objects.bulk_create(
            [FacilityVote(facility=facility, user=user) for user in chosen], ignore_conflicts=True
        )
        Facility.objects.filter(pk=facility.pk).update(vote_count=facility.votes.count())


def seed() -> None:
    residents = _residents()
    with transaction.atomic():
        seed_topics()
        if len(residents) < 5:
            return
        rng = random.Random(14)
        seed_ratings(residents, rng)
        seed_proposals(residents, rng)
        seed_votes(residents, rng)
