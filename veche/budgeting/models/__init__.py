from .contest import (
    SOURCE_LABELS,
    SOURCES,
    Contest,
    ContestDocument,
    ContestStage,
    share_field,
)

__all__ = [
    "SOURCES",
    "SOURCE_LABELS",
    "Contest",
    "ContestDocument",
    "ContestStage",
    "share_field",
]
