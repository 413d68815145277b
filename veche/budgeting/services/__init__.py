"""Every state change of initiative budgeting (docs/budgeting.md)."""

from .contests import (
    StageIn,
    Terms,
    contest_add_document,
    contest_create,
    contest_publish,
    contest_remove_document,
    contest_set_stages,
    contest_update,
)

__all__ = [
    "StageIn",
    "Terms",
    "contest_add_document",
    "contest_create",
    "contest_publish",
    "contest_remove_document",
    "contest_set_stages",
    "contest_update",
]
