"""A moderator's decisions: publish a waiting comment, remove one with a listed reason, or
restore one hidden by complaints (its complaints are cleared). Each decision is a staff action
and goes to the staff audit log as well as the event log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text

from ..models import Comment, RemovalReason
from ._common import NOT_MODERATOR, audit, comment_event, comment_notice, lock, require

Status = Comment.Status


def _decided(comment: Comment, moderator, status: str) -> None:
    comment.status = status
    comment.moderated_by = moderator if moderator.is_authenticated else None
    comment.moderated_at = timezone.now()


def _wrong_status(comment: Comment) -> ValidationError:
    return ValidationError(
        _("This cannot be done while the comment is «%(status)s».")
        % {"status": comment.get_status_display()},
        code="wrong_status",
    )


def comment_approve(*, moderator, comment: Comment) -> Comment:
    """Publish a comment that awaits moderation; its author, and (the first time it becomes
    public) the author of the item and of the comment replied to, are told."""
    with transaction.atomic():
        comment = lock(comment)
        require(moderator, "comments.moderate_comment", comment, NOT_MODERATOR)
        if comment.status != Status.PENDING:
            raise _wrong_status(comment)
        first_time = comment.published_at is None
        _decided(comment, moderator, Status.PUBLISHED)
        comment.published_at = comment.published_at or comment.moderated_at
        comment.save(update_fields=["status", "moderated_by", "moderated_at", "published_at"])
        comment_event("approved", comment, actor=moderator)
        audit(moderator, "approve", comment)
        if first_time:
            comment_notice("approved", comment)
            comment_notice("published", comment)
        return comment


def comment_remove(
    *, moderator, comment: Comment, reason: RemovalReason, note: str = ""
) -> Comment:
    """Remove a comment with a listed reason (and a `note` the writer is told, if any). Its
    text stays in the database for the record; the thread shows «comment removed by a
    moderator» in its place and keeps its replies."""
    with transaction.atomic():
        comment = lock(comment)
        require(moderator, "comments.moderate_comment", comment, NOT_MODERATOR)
        if comment.status == Status.REMOVED:
            raise _wrong_status(comment)
        if reason is None or not reason.is_active:
            raise ValidationError({"reason": [_("Choose a reason from the list.")]}, code="reason")
        _decided(comment, moderator, Status.REMOVED)
        comment.removal_reason = reason
        comment.save(update_fields=["status", "moderated_by", "moderated_at", "removal_reason"])
        comment_event("removed", comment, actor=moderator, payload={"reason": reason.code})
        audit(moderator, "remove", comment, reason=reason.code)
        comment_notice("removed", comment, note=clean_text(note or "").strip()[:1000])
        return comment


def comment_restore(*, moderator, comment: Comment) -> Comment:
    """Put a comment hidden by complaints (or removed by mistake) back in the thread; its
    complaints are cleared, so three new ones are needed to hide it again."""
    with transaction.atomic():
        comment = lock(comment)
        require(moderator, "comments.moderate_comment", comment, NOT_MODERATOR)
        if comment.status not in (Status.HIDDEN, Status.REMOVED) or comment.published_at is None:
            raise _wrong_status(comment)
        cleared, _rows = comment.complaints.all().delete()
        _decided(comment, moderator, Status.PUBLISHED)
        comment.removal_reason = None
        comment.complaint_count = 0
        comment.save(
            update_fields=[
                "status",
                "moderated_by",
                "moderated_at",
                "removal_reason",
                "complaint_count",
            ]
        )
        comment_event("restored", comment, actor=moderator, payload={"complaints": cleared})
        audit(moderator, "restore", comment, complaints_cleared=cleared)
        return comment
