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
from .templates import (
    CriterionIn,
    FieldIn,
    criterion_add,
    criterion_remove,
    criterion_update,
    field_add,
    field_move,
    field_remove,
    field_update,
    template_copy,
    template_publish,
)

__all__ = [
    "CriterionIn",
    "FieldIn",
    "StageIn",
    "Terms",
    "contest_add_document",
    "contest_create",
    "contest_publish",
    "contest_remove_document",
    "contest_set_stages",
    "contest_update",
    "criterion_add",
    "criterion_remove",
    "criterion_update",
    "field_add",
    "field_move",
    "field_remove",
    "field_update",
    "template_copy",
    "template_publish",
]
