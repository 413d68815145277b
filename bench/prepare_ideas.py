"""Ideas and their comments for the benchmark, as in the issue's peer comparison: 300 public ideas
and 1,500 published comments spread over them (a third of them replies). Called by
bench/prepare.py after Django is set up.

Bulk inserts, not the services: this is data generation. It tops up to the asked numbers (the
demo's public ideas and comments count towards them), and each run takes back the supports the
bench residents gave, so "support an idea (API)" measures new supports, not repeats.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.comments.models import Comment
from veche.ideas.models import UNPUBLISHED, Idea, IdeaSupport, IdeaTimelineEntry, Status
from veche.reports.models import Category
from veche.reports.search import stems
from veche.territory.models import Municipality

KIND = "ideas.idea"
# Mostly published; some further on, so the idea page shows an agency, a date and an answer.
STATUSES = [Status.PUBLISHED] * 6 + [Status.UNDER_CONSIDERATION] * 2 + [Status.TAKEN] * 2
TITLES = [
    ("Велодорожка вдоль набережной", "Предлагаю проложить велодорожку вдоль набережной"),
    ("Скейт-парк в микрорайоне", "Подросткам негде кататься: нужен небольшой скейт-парк"),
    ("Освещение пешеходной тропы", "Тропа к школе зимой совсем тёмная, нужны фонари"),
    ("Остановка с павильоном", "На остановке у поликлиники нет навеса, люди мокнут"),
    ("Площадка для выгула собак", "Огороженная площадка для собак разгрузит дворы"),
    ("Лавочки в сквере", "В сквере мало лавочек, пожилым негде отдохнуть"),
]
COMMENTS = [
    "Полностью поддерживаю, давно пора.",
    "А кто будет за этим следить? Нужен ответственный.",
    "Хорошая идея, но лучше сделать чуть дальше от дороги.",
    "Живу рядом, очень не хватает.",
    "Согласен, летом особенно актуально.",
]


def public_ideas() -> int:
    return Idea.objects.exclude(status__in=UNPUBLISHED).count()


def published_comments() -> int:
    return Comment.objects.filter(target_kind=KIND, status=Comment.Status.PUBLISHED).count()


def ideas(count: int, authors: list[User], seed: int = 11) -> None:
    """Top up the public ideas to `count`, written by `authors` (never by a key holder)."""
    missing = count - public_ideas()
    if missing <= 0:
        return
    rng = random.Random(seed + missing)
    municipalities = list(Municipality.objects.all())
    administrations = {
        a.administers_id: a for a in Agency.objects.filter(administers__isnull=False)
    }
    categories = list(Category.objects.filter(is_active=True))
    now = timezone.now()
    batch = []
    for n in range(missing):
        municipality = rng.choice(municipalities)
        status = rng.choice(STATUSES)
        if municipality.pk not in administrations:
            status = Status.PUBLISHED  # nobody to take it
        title, text = rng.choice(TITLES)
        title, text = f"{title} (№ {n})", f"{text}. Бенчмарк, идея № {n}."
        created = now - timedelta(minutes=rng.randrange(60 * 24 * 300))
        taken = status == Status.TAKEN
        batch.append(
            Idea(
                author=rng.choice(authors),
                title=title,
                text=text,
                category=rng.choice(categories),
                municipality=municipality,
                lat=municipality.centre_lat + rng.uniform(-0.01, 0.01),
                lon=municipality.centre_lon + rng.uniform(-0.01, 0.01),
                status=status,
                agency=administrations.get(municipality.pk) if taken else None,
                planned_date=(now + timedelta(days=90)).date() if taken else None,
                answer="Включено в план благоустройства." if taken else "",
                search_stems=stems(title, text),
                published_at=created + timedelta(hours=2),
                taken_at=now if taken else None,
            )
        )
    _save(batch)


@transaction.atomic
def _save(batch: list[Idea]) -> None:
    created = Idea.objects.bulk_create(batch)
    entries = []
    for idea in created:
        steps = [("", Status.SUBMITTED), (Status.SUBMITTED, Status.PUBLISHED)]
        if idea.status != Status.PUBLISHED:
            steps.append((Status.PUBLISHED, idea.status))
        entries += [
            IdeaTimelineEntry(idea=idea, kind="status", status_from=was, status_to=to)
            for was, to in steps
        ]
    IdeaTimelineEntry.objects.bulk_create(entries)


def comments(count: int, writers: list[User], seed: int = 13) -> None:
    """Top up the published comments on public ideas to `count`: 60 % top-level, 30 % replies,
    10 % replies to replies, each under a comment of the same idea."""
    missing = count - published_comments()
    if missing > 0:
        rng = random.Random(seed + missing)
        targets = list(
            Idea.objects.exclude(status__in=UNPUBLISHED).values_list("pk", "municipality_id")
        )
        share = [missing - missing * 4 // 10, missing * 3 // 10, missing // 10]
        with transaction.atomic():
            for depth, how_many in enumerate(share):
                _comments(depth, how_many, targets, writers, rng)


def _comments(depth: int, how_many: int, targets, writers, rng: random.Random) -> None:
    now = timezone.now()
    parents: dict[int, list[tuple[int, int]]] = {}
    if depth:
        rows = Comment.objects.filter(
            target_kind=KIND, status=Comment.Status.PUBLISHED, depth=depth - 1
        ).values_list("target_id", "pk", "municipality_id")
        for target_id, pk, municipality_id in rows:
            parents.setdefault(target_id, []).append((pk, municipality_id))
    batch = []
    for _n in range(how_many):
        if depth:
            target_id = rng.choice(list(parents))
            parent_id, municipality_id = rng.choice(parents[target_id])
        else:
            (target_id, municipality_id), parent_id = rng.choice(targets), None
        batch.append(
            Comment(
                target_kind=KIND,
                target_id=target_id,
                municipality_id=municipality_id,
                author=rng.choice(writers),
                parent_id=parent_id,
                depth=depth,
                text=rng.choice(COMMENTS),
                status=Comment.Status.PUBLISHED,
                published_at=now,
            )
        )
    Comment.objects.bulk_create(batch, batch_size=500)


def reset_supports(supporters: list[User]) -> None:
    """Take back the key holders' supports of ideas and count every idea's supports again."""
    with transaction.atomic():
        IdeaSupport.objects.filter(user__in=supporters).delete()
        counted = (
            IdeaSupport.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Idea.objects.update(
            support_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
        )
