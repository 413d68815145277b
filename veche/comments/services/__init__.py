"""Every change to comments (docs/architecture.md, "Comments"). Keyword-only, each in one
transaction, each asking its named rule (rules.py), recording an event, and — for moderators'
decisions — writing the staff audit log."""

from .moderation import comment_approve, comment_remove, comment_restore
from .reactions import comment_complain, comment_like, comment_unlike
from .writing import comment_edit, comment_post, edit_refusal

__all__ = [
    "comment_approve",
    "comment_complain",
    "comment_edit",
    "comment_like",
    "comment_post",
    "comment_remove",
    "comment_restore",
    "comment_unlike",
    "edit_refusal",
]
