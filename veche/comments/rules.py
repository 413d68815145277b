"""Named permissions for comments (docs/permissions.md), built from the shared predicates.

`comments.post_comment` is asked about a `kinds.Target` (the item and its registered kind); the
others about a `Comment`. Moderators are scoped by the municipality the comment's target lies in
(`Comment.municipality`): a moderator of Surgut decides Surgut's comments, a region-wide one and
the regional admin every comment.
"""

from datetime import timedelta

import rules
from django.conf import settings
from django.utils import timezone

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import is_moderator, is_regional_admin, municipality_scope

from .models import Comment

EDIT_MINUTES = 15


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMENT_EDIT_MINUTES", EDIT_MINUTES))


@rules.predicate
def may_view_target(user, target) -> bool:
    return target is not None and bool(target.kind.can_view(user, target.item))


@rules.predicate
def target_open(user, target) -> bool:
    """The kind's own rule: the item takes comments now (its stage, its status)."""
    return target is not None and target.kind.can_comment(user, target.item) is None


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_published(user, comment) -> bool:
    return comment is not None and comment.status == Comment.Status.PUBLISHED


@rules.predicate
def is_editable(user, comment) -> bool:
    return comment is not None and comment.status in (
        Comment.Status.PENDING,
        Comment.Status.PUBLISHED,
    )


@rules.predicate
def within_edit_window(user, comment) -> bool:
    """The clock decides: the author edits for 15 minutes after writing (COMMENT_EDIT_MINUTES)."""
    return comment is not None and timezone.now() <= comment.created_at + edit_window()


@rules.predicate
def moderates_comment(user, comment) -> bool:
    """A moderator whose territory covers the comment's municipality (or the whole region); a
    comment on content of no municipality is for region-wide moderators only."""
    if comment is None or not is_moderator(user):
        return False
    scope = municipality_scope(user, Role.MODERATOR)
    return scope is None or comment.municipality_id in scope


can_moderate = moderates_comment | is_regional_admin

rules.add_perm("comments.post_comment", can_participate & may_view_target & target_open)
rules.add_perm(
    "comments.edit_comment",
    can_participate & is_comment_author & is_editable & within_edit_window,
)
rules.add_perm("comments.like_comment", can_participate & is_published & ~is_comment_author)
rules.add_perm("comments.unlike_comment", rules.is_authenticated)
rules.add_perm("comments.complain_comment", can_participate & is_published & ~is_comment_author)
rules.add_perm("comments.moderate_comment", can_moderate)
# The shared moderation queue (no object): who may open it; each decision asks the rule above.
rules.add_perm("comments.view_moderation_queue", is_moderator | is_regional_admin)
