"""Analytics tests: the official production calendar loaded, the reports' small world, and an
empty cache for each test."""

import pytest
from django.core.cache import cache

from veche.reports.tests.conftest import calendar, world  # noqa: F401 - fixtures reused


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Figures are cached under the latest refresh's id, and a rolled-back test's ids come again
    in the next test: each test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()
