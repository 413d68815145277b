"""Every state change of the infrastructure registry (docs/infrastructure.md)."""

from .facilities import TRACKED, facility_update
from .importing import ImportRefused, ImportResult, facilities_import, import_table

__all__ = [
    "TRACKED",
    "ImportRefused",
    "ImportResult",
    "facilities_import",
    "facility_update",
    "import_table",
]
