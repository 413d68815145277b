"""The author edits his comment for 15 minutes; the clock decides (tests move it)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from veche.comments import services
from veche.comments.models import Comment
from veche.comments.selectors import thread_for

from .conftest import KIND
from .helpers import published, snapshot, write


def test_the_author_edits_within_15_minutes(world, kind):
    comment = write(world)
    with time_machine.travel(timezone.now() + timedelta(minutes=14, seconds=59)):
        edited = services.comment_edit(author=world.writer, comment=comment, text="Исправлено")
    assert edited.text == "Исправлено" and edited.edited_at is not None


def test_after_15_minutes_the_edit_is_refused_and_nothing_changes(world, kind):
    comment = write(world)
    before = snapshot()
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=1)):
        with pytest.raises(PermissionDenied) as refused:
            services.comment_edit(author=world.writer, comment=comment, text="Поздно")
        assert not world.writer.has_perm("comments.edit_comment", comment)
    assert str(refused.value) == (
        "Комментарий можно изменить только в течение 15 минут после написания."
    )
    assert snapshot() == before


def test_nobody_else_edits_a_comment(world, kind):
    comment = write(world)
    for user in (world.neighbour, world.moderator):
        with pytest.raises(PermissionDenied):
            services.comment_edit(author=user, comment=comment, text="Чужая правка")
    comment.refresh_from_db()
    assert comment.text == "Поддерживаю, давно пора."


def test_under_pre_moderation_an_edited_published_comment_waits_again_in_its_place(world, kind):
    top = published(world)
    reply = published(world, author=world.neighbour, parent=top)
    edited = services.comment_edit(author=world.writer, comment=top, text="Другой текст")
    assert edited.status == Comment.Status.PENDING
    node = thread_for(world.third, KIND, world.report.pk).nodes[0]
    assert not node.shown
    assert node.placeholder == "Комментарий изменён и ждёт проверки модератора."
    assert [r.comment.pk for r in node.replies] == [reply.pk]


def test_under_post_moderation_an_edit_stays_published(world, post_moderated):
    comment = write(world)
    edited = services.comment_edit(author=world.writer, comment=comment, text="Уточнение")
    assert edited.status == Comment.Status.PUBLISHED


def test_a_removed_comment_cannot_be_edited(world, kind):
    comment = write(world)
    services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
    with pytest.raises(PermissionDenied):
        services.comment_edit(author=world.writer, comment=comment, text="Верните")
