"""Writing comments and replies: pre-moderation by default, post-moderation per kind, the text
limit, the depth limit and who may write."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.comments import services
from veche.comments.models import Comment
from veche.comments.selectors import thread_for
from veche.events.models import Event
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

from .conftest import KIND
from .helpers import published, snapshot, write


def visible_ids(user, world) -> list[int]:
    def walk(nodes):
        for node in nodes:
            if node.shown:
                yield node.comment.pk
            yield from walk(node.replies)

    return list(walk(thread_for(user, KIND, world.report.pk).nodes))


def test_pre_moderation_keeps_a_new_comment_from_everyone_but_its_author_and_moderators(
    world, kind
):
    comment = write(world)
    assert comment.status == Comment.Status.PENDING and comment.published_at is None
    assert visible_ids(world.neighbour, world) == []
    assert visible_ids(world.author, world) == []
    from django.contrib.auth.models import AnonymousUser

    assert visible_ids(AnonymousUser(), world) == []
    assert visible_ids(world.writer, world) == [comment.pk]
    assert visible_ids(world.moderator, world) == [comment.pk]
    assert visible_ids(world.urai_moderator, world) == []
    mine = thread_for(world.writer, KIND, world.report.pk).nodes[0]
    assert mine.note == "Ожидает модерации: другие его пока не видят."


def test_post_moderation_publishes_at_once(world, post_moderated):
    comment = write(world)
    assert comment.status == Comment.Status.PUBLISHED and comment.published_at is not None
    assert visible_ids(world.neighbour, world) == [comment.pk]


def test_a_moderators_own_comment_needs_no_moderation(world, kind):
    comment = write(world, author=world.moderator)
    assert comment.status == Comment.Status.PUBLISHED


def test_the_comment_takes_the_items_municipality_for_moderation(world, kind):
    assert write(world).municipality_id == world.surgut.pk


def test_2001_characters_are_refused_with_a_russian_message_and_nothing_is_written(world, kind):
    with pytest.raises(ValidationError) as refused:
        write(world, text="я" * 2001)
    assert refused.value.message_dict["text"] == [
        "Комментарий может быть не длиннее 2\u00a0000 символов, а в этом 2\u00a0001."
    ]
    assert not Comment.objects.exists()
    assert len(write(world, text="я" * 2000).text) == 2000


def test_a_blank_comment_is_refused(world, kind):
    with pytest.raises(ValidationError) as refused:
        write(world, text=" \n\t ")
    assert refused.value.message_dict["text"] == ["Напишите текст комментария."]
    assert not Comment.objects.exists()


def test_replies_go_two_levels_deep_and_no_deeper(world, kind):
    top = published(world)
    reply = published(world, author=world.neighbour, parent=top)
    second = published(world, author=world.third, parent=reply)
    assert (top.depth, reply.depth, second.depth) == (0, 1, 2)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        write(world, author=world.fourth, parent=second)
    assert refused.value.message_dict["parent"] == [
        "Ответы возможны только на два уровня вглубь: ответьте на комментарий выше."
    ]
    assert snapshot() == before


def test_a_reply_needs_a_published_comment_of_the_same_item(world, kind):
    waiting = write(world)
    with pytest.raises(ValidationError):
        write(world, author=world.neighbour, parent=waiting)
    other = RoutedReportFactory(municipality=world.surgut)
    elsewhere = published(world, report=other)
    with pytest.raises(ValidationError):
        write(world, author=world.neighbour, parent=elsewhere)
    assert Comment.objects.count() == 2


def test_an_unconfirmed_resident_cannot_comment(world, kind):
    with pytest.raises(PermissionDenied) as refused:
        write(world, author=world.unconfirmed)
    assert str(refused.value) == "Подтвердите e-mail, чтобы участвовать в обсуждении."
    assert not Comment.objects.exists()


def test_the_kinds_own_refusal_is_given_as_it_is(world, kind):
    world.report.status = "closed"
    world.report.save()
    with pytest.raises(PermissionDenied) as refused:
        write(world)
    assert str(refused.value) == "Обсуждение закрытого сообщения завершено."


def test_an_item_the_writer_cannot_see_cannot_be_commented(world, kind):
    hidden = ReportFactory(municipality=world.surgut)  # submitted: only its author and staff
    with pytest.raises(PermissionDenied):
        write(world, report=hidden)
    with pytest.raises(PermissionDenied):
        services.comment_post(author=world.writer, kind="no.such", target_id=1, text="Текст")
    assert not Comment.objects.exists()


def test_writing_records_an_event(world, kind):
    comment = write(world)
    event = Event.objects.get(kind="comments.posted")
    assert (event.subject_type, event.subject_id) == ("comments.comment", str(comment.pk))
    assert event.territory_id == world.surgut.pk
    assert event.payload["target"] == f"{KIND}:{world.report.pk}"
