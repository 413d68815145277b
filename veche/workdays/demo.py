"""Demo data of the working-day calendar: the official calendar for every year of the data file.

Idempotent, and it keeps whatever an admin changed (services.calendar_load).
"""

from .services import LoadResult, calendar_load


def seed() -> LoadResult:
    return calendar_load()
