from .contest import (
    SOURCE_LABELS,
    SOURCES,
    Contest,
    ContestDocument,
    ContestStage,
    share_field,
)
from .template import (
    CHOICE_KINDS,
    FILE_TYPES,
    NUMERIC_KINDS,
    TEXT_KINDS,
    Criterion,
    CriterionSource,
    Evidence,
    FieldKind,
    TemplateField,
    TemplateVersion,
)

__all__ = [
    "CHOICE_KINDS",
    "FILE_TYPES",
    "NUMERIC_KINDS",
    "SOURCES",
    "SOURCE_LABELS",
    "TEXT_KINDS",
    "Contest",
    "ContestDocument",
    "ContestStage",
    "Criterion",
    "CriterionSource",
    "Evidence",
    "FieldKind",
    "TemplateField",
    "TemplateVersion",
    "share_field",
]
