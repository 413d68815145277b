"""A moderator of the comment's territory approves, removes with a listed reason, or restores a
comment hidden by complaints; a moderator of another municipality can do none of it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.comments import services
from veche.comments.models import Comment, CommentComplaint, RemovalReason
from veche.comments.selectors import thread_for
from veche.staff.models import StaffAuditLog

from .conftest import KIND
from .helpers import published, snapshot, write


def hidden(world) -> Comment:
    comment = published(world)
    for user in (world.neighbour, world.third, world.fourth):
        comment, _created = services.comment_complain(user=user, comment=comment)
    return comment


def test_approval_publishes_and_is_audited(world, kind):
    comment = services.comment_approve(moderator=world.moderator, comment=write(world))
    assert comment.status == Comment.Status.PUBLISHED and comment.published_at is not None
    assert comment.moderated_by == world.moderator
    audit = StaffAuditLog.objects.get(action="comments.approve")
    assert (audit.actor, audit.target_id) == (world.moderator, str(comment.pk))


def test_removal_keeps_a_placeholder_and_the_replies(world, kind):
    top = published(world)
    reply = published(world, author=world.neighbour, parent=top)
    services.comment_remove(moderator=world.moderator, comment=top, reason=world.reason)
    node = thread_for(world.third, KIND, world.report.pk).nodes[0]
    assert not node.shown and node.placeholder == "Комментарий удалён модератором."
    assert [r.comment.pk for r in node.replies] == [reply.pk] and node.replies[0].shown
    assert StaffAuditLog.objects.get(action="comments.remove").details["reason"] == "insults"


def test_a_comment_removed_before_publication_leaves_no_trace_for_others(world, kind):
    comment = write(world)
    services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
    assert thread_for(world.third, KIND, world.report.pk).nodes == []
    mine = thread_for(world.writer, KIND, world.report.pk).nodes[0]
    assert mine.shown and mine.note == "Удалён модератором."


def test_removal_needs_an_active_listed_reason(world, kind):
    comment = published(world)
    retired = RemovalReason.objects.create(code="old", text="Старая причина", is_active=False)
    before = snapshot()
    with pytest.raises(ValidationError):
        services.comment_remove(moderator=world.moderator, comment=comment, reason=retired)
    assert snapshot() == before


def test_restore_clears_the_complaints(world, kind):
    comment = services.comment_restore(moderator=world.moderator, comment=hidden(world))
    assert comment.status == Comment.Status.PUBLISHED and comment.complaint_count == 0
    assert not CommentComplaint.objects.exists()
    # Three new complaints are needed to hide it again.
    comment, _created = services.comment_complain(user=world.neighbour, comment=comment)
    assert comment.status == Comment.Status.PUBLISHED


def test_a_hidden_comment_can_be_removed(world, kind):
    comment = services.comment_remove(
        moderator=world.moderator, comment=hidden(world), reason=world.reason
    )
    assert comment.status == Comment.Status.REMOVED


def test_a_moderator_of_another_municipality_cannot_moderate(world, kind):
    waiting, shown, complained = write(world), published(world), hidden(world)
    before = snapshot()
    for action in (
        lambda: services.comment_approve(moderator=world.urai_moderator, comment=waiting),
        lambda: services.comment_remove(
            moderator=world.urai_moderator, comment=shown, reason=world.reason
        ),
        lambda: services.comment_restore(moderator=world.urai_moderator, comment=complained),
    ):
        with pytest.raises(PermissionDenied) as refused:
            action()
        assert str(refused.value) == "Вы не модерируете комментарии этой территории."
    assert snapshot() == before
    assert not StaffAuditLog.objects.filter(actor=world.urai_moderator).exists()


def test_a_region_wide_moderator_moderates_everywhere(world, kind):
    comment = services.comment_approve(moderator=world.region_moderator, comment=write(world))
    assert comment.status == Comment.Status.PUBLISHED


def test_residents_do_not_moderate(world, kind):
    with pytest.raises(PermissionDenied):
        services.comment_approve(moderator=world.author, comment=write(world))


def test_deciding_twice_is_refused(world, kind):
    comment = published(world)
    with pytest.raises(ValidationError):
        services.comment_approve(moderator=world.moderator, comment=comment)
    services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
    with pytest.raises(ValidationError):
        services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
