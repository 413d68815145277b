"""Unique visitors without cookies or stored addresses (veche/analytics/visitors.py)."""

from datetime import date

import pytest
from django.core.cache import cache

from veche.analytics import visitors
from veche.analytics.models import VisitorDay

DAY = date(2026, 1, 12)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_visitor_counts_once_a_day_and_the_mark_rotates_daily():
    assert visitors.seen("10.0.0.1", "Firefox", day=DAY)
    assert not visitors.seen("10.0.0.1", "Firefox", day=DAY)
    assert visitors.seen("10.0.0.2", "Firefox", day=DAY)
    assert visitors.seen("10.0.0.1", "Firefox", day=date(2026, 1, 13))
    assert visitors.visitor_mark(DAY, "10.0.0.1", "Firefox") != visitors.visitor_mark(
        date(2026, 1, 13), "10.0.0.1", "Firefox"
    )
    assert "10.0.0.1" not in visitors.visitor_mark(DAY, "10.0.0.1", "Firefox")


@pytest.mark.django_db
def test_flush_stores_the_day_count_and_never_lowers_it():
    visitors.seen("10.0.0.1", "Firefox", day=DAY)
    visitors.seen("10.0.0.2", "Firefox", day=DAY)
    visitors.flush(DAY)
    visitors.flush(DAY)
    assert VisitorDay.objects.get(day=DAY).visitors == 2
    cache.clear()
    visitors.seen("10.0.0.3", "Firefox", day=DAY)
    visitors.flush(DAY)
    assert VisitorDay.objects.get(day=DAY).visitors == 2


@pytest.mark.django_db
def test_the_middleware_counts_pages_and_sets_no_cookie(client):
    response = client.get("/analytics/", REMOTE_ADDR="10.0.0.9", HTTP_USER_AGENT="Chrome")
    client.get("/analytics/", REMOTE_ADDR="10.0.0.9", HTTP_USER_AGENT="Chrome")
    assert set(response.cookies) <= {"csrftoken"}  # the layout's forms; nothing of ours
    from django.utils import timezone

    assert cache.get(f"analytics:visitors:{timezone.localdate().isoformat()}") == 1
