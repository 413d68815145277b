import pytest

from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # Each test's database is rolled back; the per-process cache must not outlive it.
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def official_calendar(db):
    """The official calendar of every year (the data migration loads it too; this makes sure)."""
    calendar_load()
