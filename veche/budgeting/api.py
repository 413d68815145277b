"""REST API of initiative budgeting (/api/v1/budgeting/): one router — the reads
(api_reads.py) and the writes (api_writes.py) add their operations to it, so a draft's PUT
shares its path with the application's GET."""

from . import api_sheets, api_writes  # noqa: F401  (register the writes and the sheets)
from .api_reads import router

__all__ = ["router"]

from . import api_voting  # noqa: E402, F401  (registers public voting's operations, issue 13)
