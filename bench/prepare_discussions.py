"""A discussion for the benchmark (issue 11): one open draft of 40 sections with 1,000 published
comments on them (a third quoting a passage, a quarter proposals, some replies) and ratings.
Called by bench/prepare.py after Django is set up; seed 000's whole scale is 32 discussions, 848
comments and 3,000+ ratings, so this one draft carries more than all of them.

Bulk inserts, not the services: this is data generation. Idempotent: the draft is found by its
title and topped up to the asked number of comments.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.comments.models import Comment
from veche.discussions.commenting import SECTION_KIND
from veche.discussions.models import (
    Draft,
    DraftComment,
    DraftVersion,
    Rating,
    Section,
    SectionVersion,
)
from veche.discussions.text import render
from veche.territory.models import Municipality

TITLE = "Бенчмарк: правила благоустройства (40 разделов)"
SECTIONS = 40
TEXT = (
    "Уборка территории производится ежедневно до 8 часов утра. Снег вывозится в течение суток "
    "после окончания снегопада. Контейнерные площадки очищаются не реже одного раза в сутки.\n\n"
    "Ответственность за содержание несут собственники и управляющие организации."
)
COMMENTS = ["Поддерживаю.", "Сроки нереальные.", "Кто будет контролировать?", "Уточните пункт."]


def draft() -> Draft | None:
    return Draft.objects.filter(title=TITLE).first()


@transaction.atomic
def discussion(comments: int, people: list[User], seed: int = 13) -> Draft:
    found = draft()
    if found is None:
        found = _draft(people[0])
    sections = list(Section.objects.filter(draft=found).order_by("position"))
    have = Comment.objects.filter(
        target_kind=SECTION_KIND, target_id__in=[s.pk for s in sections]
    ).count()
    rng = random.Random(seed + have)
    now = timezone.now()
    tops: list[Comment] = list(
        Comment.objects.filter(
            target_kind=SECTION_KIND, target_id__in=[s.pk for s in sections], depth=0
        )[:200]
    )
    by_pk = {s.pk: s for s in sections}
    for n in range(comments - have):
        parent = rng.choice(tops) if tops and rng.random() < 0.2 else None
        section = by_pk[parent.target_id] if parent else rng.choice(sections)
        comment = Comment.objects.create(
            target_kind=SECTION_KIND,
            target_id=section.pk,
            municipality_id=found.municipality_id,
            author=rng.choice(people),
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            text=f"{rng.choice(COMMENTS)} (№ {n})",
            status=Comment.Status.PUBLISHED,
            published_at=now - timedelta(minutes=rng.randrange(60 * 24 * 10)),
        )
        if parent is None:
            tops.append(comment)
        passage = "Снег вывозится в течение суток" if parent is None and rng.random() < 0.33 else ""
        proposal = parent is None and rng.random() < 0.25
        DraftComment.objects.create(
            comment=comment,
            draft=found,
            section=section,
            passage=passage,
            is_proposal=proposal,
            wording="В течение 12 часов." if proposal else "",
        )
    _ratings(found, people)
    _analyze()
    return found


def _analyze() -> None:
    """Fresh planner statistics after a bulk insert, as autovacuum keeps them in production:
    without them PostgreSQL estimates one comment where there are thousands and joins them by a
    nested loop (0.1 s for the proposal counts of the draft page instead of 1 ms)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (
            "comments_comment",
            "discussions_draftcomment",
            "discussions_section",
            "discussions_sectionversion",
            "discussions_rating",
        ):
            cursor.execute(f"ANALYZE {table}")  # noqa: S608 - fixed table names


def _draft(organizer: User) -> Draft:
    now = timezone.now()
    found = Draft.objects.create(
        title=TITLE,
        summary="Проект для измерения страницы обсуждения.",
        municipality=Municipality.objects.filter(name="Сургут").first(),
        organizer=organizer,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=3650),
        status=Draft.Status.PUBLISHED,
        published_at=now,
        current_version=1,
    )
    DraftVersion.objects.create(draft=found, number=1)
    html = render(TEXT)
    for position in range(1, SECTIONS + 1):
        section = Section.objects.create(
            draft=found, heading=f"Раздел {position}", position=position
        )
        SectionVersion.objects.create(
            section=section,
            version=1,
            position=position,
            heading=section.heading,
            text=TEXT,
            html=html,
        )
    return found


def _ratings(found: Draft, people: list[User]) -> None:
    if Rating.objects.filter(draft=found).exists():
        return
    values = ["support", "neutral", "oppose"]
    Rating.objects.bulk_create(
        Rating(draft=found, user=u, value=values[n % 3]) for n, u in enumerate(people)
    )
    Draft.objects.filter(pk=found.pk).update(
        support_count=len(people[0::3]),
        neutral_count=len(people[1::3]),
        oppose_count=len(people[2::3]),
    )


def published_comments() -> int:
    found = draft()
    if found is None:
        return 0
    sections = Section.objects.filter(draft=found).values("pk")
    return Comment.objects.filter(
        target_kind=SECTION_KIND, target_id__in=sections, status=Comment.Status.PUBLISHED
    ).count()
