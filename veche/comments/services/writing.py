"""Writing and editing comments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..kinds import Target
from ..models import MAX_DEPTH, Comment
from ..rules import edit_window
from ._common import (
    NOT_AVAILABLE,
    checked_text,
    comment_event,
    comment_notice,
    participation_refusal,
    require,
    visible_target,
)


def comment_post(
    *, author, kind: str, target_id: int, text: str, parent_id: int | None = None
) -> Comment:
    """Write a comment on an item of a registered kind, or a reply to one of its comments.

    Under pre-moderation (the default) the comment waits for a moderator and only its author
    and the moderators see it; under post-moderation, or when its author moderates it, it is
    published at once and the author of the item (and of the comment replied to) are told.
    A reply goes at most two levels deep: a reply to a reply of a reply is refused.
    """
    target = visible_target(author, kind, target_id)
    _require_post(author, target)
    text = checked_text(text)
    with transaction.atomic():
        parent = _locked_parent(target, parent_id) if parent_id is not None else None
        comment = Comment(
            target_kind=kind,
            target_id=target.id,
            municipality_id=target.kind.territory_of(target.item),
            author=author,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            text=text,
        )
        publish = target.kind.moderation == "post" or author.has_perm(
            "comments.moderate_comment", comment
        )
        if publish:
            comment.status = Comment.Status.PUBLISHED
            comment.published_at = timezone.now()
        comment.full_clean()
        comment.save()
        comment_event("posted", comment, actor=author, payload={"depth": comment.depth})
        if publish:
            comment_notice("published", comment)
        return comment


def _require_post(author, target: Target) -> None:
    if author.has_perm("comments.post_comment", target):
        return
    refusal = participation_refusal(author) or target.kind.can_comment(author, target.item)
    raise PermissionDenied(str(refusal or NOT_AVAILABLE))


def _locked_parent(target: Target, parent_id: int) -> Comment:
    parent = (
        Comment.objects.select_for_update()
        .filter(pk=parent_id, target_kind=target.kind.kind, target_id=target.id)
        .first()
    )
    if parent is None or parent.status != Comment.Status.PUBLISHED:
        raise ValidationError(
            {"parent": [_("The comment you reply to is not published.")]}, code="parent"
        )
    if parent.depth >= MAX_DEPTH:
        raise ValidationError(
            {
                "parent": [
                    _(
                        "Replies go at most two levels deep: reply to the comment above this "
                        "one instead."
                    )
                ]
            },
            code="too_deep",
        )
    return parent


def comment_edit(*, author, comment: Comment, text: str) -> Comment:
    """The author corrects his comment within 15 minutes of writing it (COMMENT_EDIT_MINUTES).

    Under pre-moderation a published comment that is edited waits for a moderator again (the
    thread shows that in its place), so an edit cannot slip past the check."""
    text = checked_text(text)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        require(author, "comments.edit_comment", comment, edit_refusal(author, comment))
        if text == comment.text:
            return comment
        comment.text = text
        comment.edited_at = timezone.now()
        target = visible_target(author, comment.target_kind, comment.target_id)
        recheck = (
            target.kind.moderation == "pre"
            and comment.status == Comment.Status.PUBLISHED
            and not author.has_perm("comments.moderate_comment", comment)
        )
        if recheck:
            comment.status = Comment.Status.PENDING
        comment.full_clean()
        comment.save(update_fields=["text", "edited_at", "status"])
        comment_event("edited", comment, actor=author, payload={"recheck": recheck})
        return comment


def edit_refusal(user, comment: Comment) -> str:
    if participation_refusal(user):
        return participation_refusal(user)
    if comment.author_id != user.pk:
        return _("Only the author may edit a comment.")
    if comment.status not in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        return _("This comment can no longer be edited.")
    minutes = int(edit_window().total_seconds() // 60)
    return _("A comment can be edited only within %(minutes)s minutes of writing it.") % {
        "minutes": minutes
    }
