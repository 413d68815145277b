"""Likes and complaints: one of each per person per comment (unique constraints), counted on the
comment in the same UPDATE, never below zero. The comment's row is locked first, so the rule is
checked against the state that is changed and one person's parallel clicks count once."""

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _

from veche.core.text import clean_text

from ..models import Comment, CommentComplaint, CommentLike
from ._common import comment_event, lock, participation_refusal, require, visible_target

HIDE_AT_COMPLAINTS = 3


def hide_at() -> int:
    return getattr(settings, "COMMENT_HIDE_AT_COMPLAINTS", HIDE_AT_COMPLAINTS)


def _refusal(user, comment: Comment, own: str) -> str:
    if participation_refusal(user):
        return participation_refusal(user)
    if comment.author_id == user.pk:
        return own
    return _("Only published comments can be liked or complained about.")


def comment_like(*, user, comment: Comment) -> tuple[Comment, bool]:
    """Like someone else's published comment; returns (comment, created). Liking twice changes
    nothing; one's own comment cannot be liked."""
    visible_target(user, comment.target_kind, comment.target_id)
    with transaction.atomic():
        comment = lock(comment)
        require(
            user,
            "comments.like_comment",
            comment,
            _refusal(user, comment, _("You cannot like your own comment.")),
        )
        if CommentLike.objects.filter(comment=comment, user=user).exists():
            return comment, False
        CommentLike.objects.create(comment=comment, user=user)
        _count(comment, like_count=F("like_count") + 1)
        comment_event("liked", comment, actor=user, payload={"likes": comment.like_count})
        return comment, True


def comment_unlike(*, user, comment: Comment) -> tuple[Comment, bool]:
    """Take one's like back; returns (comment, removed). Nothing to take back changes nothing."""
    require(user, "comments.unlike_comment", comment, participation_refusal(user))
    with transaction.atomic():
        comment = lock(comment)
        deleted, _rows = CommentLike.objects.filter(comment=comment, user=user).delete()
        if not deleted:
            return comment, False
        _count(comment, like_count=F("like_count") - 1, like_count__gt=0)
        comment_event("unliked", comment, actor=user, payload={"likes": comment.like_count})
        return comment, True


def comment_complain(*, user, comment: Comment, reason: str = "") -> tuple[Comment, bool]:
    """Complain about someone else's published comment; returns (comment, created). At the
    third complaint (COMMENT_HIDE_AT_COMPLAINTS) the comment is hidden until a moderator
    restores or removes it. A second complaint by the same person changes nothing."""
    visible_target(user, comment.target_kind, comment.target_id)
    reason = clean_text(reason or "").strip()[:500]
    with transaction.atomic():
        comment = lock(comment)
        require(
            user,
            "comments.complain_comment",
            comment,
            _refusal(user, comment, _("You cannot complain about your own comment.")),
        )
        if CommentComplaint.objects.filter(comment=comment, user=user).exists():
            return comment, False
        CommentComplaint.objects.create(comment=comment, user=user, reason=reason)
        was = comment.status
        hide = When(
            complaint_count__gte=hide_at() - 1,
            status=Comment.Status.PUBLISHED,
            then=Value(Comment.Status.HIDDEN),
        )
        _count(
            comment,
            complaint_count=F("complaint_count") + 1,
            status=Case(hide, default=F("status")),
        )
        comment_event(
            "complained", comment, actor=user, payload={"complaints": comment.complaint_count}
        )
        if was != comment.status:
            comment_event("hidden", comment, actor=None)
        return comment, True


def _count(comment: Comment, **changes) -> None:
    """One UPDATE of the counters (filters may be mixed in as `<field>__<lookup>`), then the new
    values read back onto `comment`. Expects the row to be locked."""
    filters = {key: value for key, value in changes.items() if "__" in key}
    values = {key: value for key, value in changes.items() if "__" not in key}
    Comment.objects.filter(pk=comment.pk, **filters).update(**values)
    comment.refresh_from_db(fields=["like_count", "complaint_count", "status"])
