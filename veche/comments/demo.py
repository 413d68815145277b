"""Demo comments a domain demo adds to its items: `demo_comments("ideas.idea", ideas, residents)`.

The rows are written in bulk, as the services would leave them once moderated (published, with
replies two levels deep at most, likes counted on each comment, an event per comment), but
without notices: these conversations happened in the past. Idempotent: an item that already has
comments is skipped. The same items and users give the same comments (a seeded random).
"""

import random
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from veche.events.models import Event
from veche.events.services import actor_pseudonym

from .kinds import get_kind
from .models import Comment, CommentLike, RemovalReason
from .reasons import DEFAULT_REASONS

OPENINGS = [
    "Полностью поддерживаю, давно пора это сделать.",
    "Хорошая идея, но нужно продумать, кто будет это обслуживать.",
    "У нас во дворе та же история, присоединяюсь.",
    "А есть оценка, сколько это будет стоить бюджету?",
    "Сделайте, пожалуйста, с учётом маломобильных жителей — пандусы и освещение.",
    "Каждый день хожу здесь с ребёнком, это действительно нужно.",
    "Лучше сначала отремонтировать то, что уже есть.",
    "Предлагаю обсудить на встрече с жителями микрорайона.",
    "Поддерживаю! Только бы не затянули со сроками, как в прошлый раз.",
    "Зимой тут вообще не пройти, снег никто не убирает.",
    "Можно привлечь волонтёров, многие готовы помочь.",
    "Интересно, что скажет администрация. Следим за ответом.",
]
REPLIES = [
    "Согласен с вами.",
    "Стоимость указана в описании, посмотрите внимательнее.",
    "Мы в соседнем доме тоже за.",
    "Думаю, это можно совместить с ремонтом дороги.",
    "Уже писали об этом в прошлом году, ничего не изменилось.",
    "Спасибо, что подняли вопрос!",
    "Можно подробнее, какое место имеется в виду?",
    "Поддерживаю, только без вырубки деревьев.",
]


def seed_reasons() -> None:
    """The default removal reasons (migration 0002 loads them too; a flushed database has none)."""
    for order, (code, text) in enumerate(DEFAULT_REASONS):
        RemovalReason.objects.get_or_create(code=code, defaults={"text": text, "order": order})


def demo_comments(
    kind: str, items: Iterable, users: Sequence, *, per_item: int = 3, seed: int = 1
) -> int:
    """Add a few published comments (some with replies and likes) to each item that has none;
    returns how many comments were written. `users` are residents who write and like."""
    commentable = get_kind(kind)
    if commentable is None or not users:
        return 0
    items = list(items)
    done = set(
        Comment.objects.filter(target_kind=kind, target_id__in=[i.pk for i in items]).values_list(
            "target_id", flat=True
        )
    )
    rng = random.Random(seed)
    written = 0
    with transaction.atomic():
        for item in items:
            if item.pk in done:
                continue
            written += _discussion(commentable, item, users, rng, per_item)
    return written


def _discussion(commentable, item, users: Sequence, rng: random.Random, per_item: int) -> int:
    now = timezone.now()
    territory = commentable.territory_of(item)
    moment = now - timedelta(days=rng.randint(3, 60))
    written: list[Comment] = []

    def write(text: str, parent: Comment | None) -> Comment:
        nonlocal moment
        moment += timedelta(minutes=rng.randint(5, 600))
        comment = Comment.objects.create(
            target_kind=commentable.kind,
            target_id=item.pk,
            municipality_id=territory,
            author=rng.choice(users),
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            text=text,
            status=Comment.Status.PUBLISHED,
            published_at=min(moment, now),
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=min(moment, now))
        written.append(comment)
        return comment

    for _n in range(rng.randint(1, per_item)):
        top = write(rng.choice(OPENINGS), None)
        if rng.random() < 0.5:
            reply = write(rng.choice(REPLIES), top)
            if rng.random() < 0.3:
                write(rng.choice(REPLIES), reply)
    for comment in written:
        likers = [
            u for u in rng.sample(list(users), k=min(len(users), 4)) if u.pk != comment.author_id
        ]
        CommentLike.objects.bulk_create(
            [CommentLike(comment=comment, user=u) for u in likers], ignore_conflicts=True
        )
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + len(likers))
    Event.objects.bulk_create(
        Event(
            kind="comments.posted",
            subject_type="comments.comment",
            subject_id=str(c.pk),
            actor=actor_pseudonym(c.author),
            territory_id=territory,
            occurred_at=c.published_at,
            payload={"target": f"{c.target_kind}:{c.target_id}", "status": c.status},
        )
        for c in written
    )
    return len(written)
