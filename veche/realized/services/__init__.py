"""Every state change of the realized projects' registry (docs/realized.md)."""

from .implementation import (
    implementation_abandon,
    implementation_finish,
    implementation_start,
    progress_add,
    refund_record,
)
from .importing import ImportRefused, ImportResult, projects_import
from .registry import ProjectIn, photos_add, project_create, project_update, realized_count_set

__all__ = [
    "ImportRefused",
    "ImportResult",
    "ProjectIn",
    "implementation_abandon",
    "implementation_finish",
    "implementation_start",
    "photos_add",
    "progress_add",
    "project_create",
    "project_update",
    "projects_import",
    "realized_count_set",
    "refund_record",
]
