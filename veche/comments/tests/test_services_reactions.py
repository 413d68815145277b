"""Likes and complaints: one per person (database constraints), none on one's own comment,
counters that never go below zero, and a comment hidden at its third complaint."""

from functools import partial

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from veche.comments import services
from veche.comments.models import Comment, CommentComplaint, CommentLike
from veche.comments.selectors import thread_for
from veche.events.models import Event
from veche.testing.concurrency import at_once

from .conftest import KIND
from .helpers import published, snapshot, write


def test_a_like_counts_once_per_person(world, kind):
    comment = published(world)
    comment, created = services.comment_like(user=world.neighbour, comment=comment)
    assert created and comment.like_count == 1
    comment, created = services.comment_like(user=world.neighbour, comment=comment)
    assert not created and comment.like_count == 1
    assert CommentLike.objects.count() == 1


def test_the_database_refuses_a_second_like(world, kind):
    comment = published(world)
    CommentLike.objects.create(comment=comment, user=world.neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentLike.objects.create(comment=comment, user=world.neighbour)


def test_nobody_likes_his_own_comment(world, kind):
    comment = published(world)
    before = snapshot()
    with pytest.raises(PermissionDenied) as refused:
        services.comment_like(user=world.writer, comment=comment)
    assert str(refused.value) == "Нельзя отметить собственный комментарий."
    assert snapshot() == before and not CommentLike.objects.exists()


def test_a_comment_awaiting_moderation_cannot_be_liked(world, kind):
    comment = write(world)
    with pytest.raises(PermissionDenied):
        services.comment_like(user=world.neighbour, comment=comment)
    with pytest.raises(PermissionDenied):
        services.comment_like(user=world.unconfirmed, comment=published(world))


def test_unlike_takes_the_like_back_and_the_counter_never_goes_below_zero(world, kind):
    comment = published(world)
    services.comment_like(user=world.neighbour, comment=comment)
    comment, removed = services.comment_unlike(user=world.neighbour, comment=comment)
    assert removed and comment.like_count == 0
    comment, removed = services.comment_unlike(user=world.neighbour, comment=comment)
    assert not removed and comment.like_count == 0
    likes = Event.objects.filter(kind__in=["comments.liked", "comments.unliked"])
    assert list(likes.order_by("pk").values_list("kind", flat=True)) == [
        "comments.liked",
        "comments.unliked",
    ]


def test_the_database_refuses_negative_counters(world, kind):
    comment = published(world)
    for field in ("like_count", "complaint_count"):
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(**{field: -1})


@pytest.mark.django_db(transaction=True)
def test_parallel_likes_by_one_person_count_once(world, kind):
    comment = published(world)
    outcome = at_once([partial(services.comment_like, user=world.neighbour, comment=comment)] * 6)
    comment.refresh_from_db()
    assert outcome.errors == [] and comment.like_count == 1 == CommentLike.objects.count()


def test_the_third_complaint_hides_the_comment_until_a_moderator_decides(world, kind):
    comment = published(world)
    for user in (world.neighbour, world.third):
        comment, created = services.comment_complain(user=user, comment=comment)
        assert created and comment.status == Comment.Status.PUBLISHED
    comment, _created = services.comment_complain(
        user=world.fourth, comment=comment, reason="Оскорбления"
    )
    assert comment.status == Comment.Status.HIDDEN and comment.complaint_count == 3
    node = thread_for(world.author, KIND, world.report.pk).nodes[0]
    assert not node.shown
    assert node.placeholder == "Комментарий скрыт после жалоб до решения модератора."
    assert Event.objects.filter(kind="comments.hidden").count() == 1


def test_one_complaint_per_person(world, kind):
    comment = published(world)
    services.comment_complain(user=world.neighbour, comment=comment)
    comment, created = services.comment_complain(user=world.neighbour, comment=comment)
    assert not created and comment.complaint_count == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentComplaint.objects.create(comment=comment, user=world.neighbour)


def test_nobody_complains_about_his_own_comment(world, kind):
    comment = published(world)
    with pytest.raises(PermissionDenied) as refused:
        services.comment_complain(user=world.writer, comment=comment)
    assert str(refused.value) == "Нельзя пожаловаться на собственный комментарий."
    assert not CommentComplaint.objects.exists()
