"""Unique visitors per day without cookies and without storing addresses.

A page view's visitor is a keyed hash of (address, browser) under a key derived from SECRET_KEY
and the day, so it changes every day and cannot be linked across days or reversed into an
address without the secret. The hash lives only in the cache (two days); the day's count is a
cache counter that `analytics_refresh` copies into `VisitorDay`. The cache is shared by every
server in production (Redis); with the per-process memory cache each process counts its own
visitors (development only).
"""

import hashlib
import hmac
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from veche.core.ratelimit import client_ip

from .models import VisitorDay

MARK_SECONDS = 2 * 24 * 3600
COUNT_SECONDS = 3 * 24 * 3600


def _count_key(day: date) -> str:
    return f"analytics:visitors:{day.isoformat()}"


def visitor_mark(day: date, address: str, agent: str) -> str:
    key = hmac.new(settings.SECRET_KEY.encode(), f"visitors:{day}".encode(), hashlib.sha256)
    return hmac.new(key.digest(), f"{address}|{agent}".encode(), hashlib.sha256).hexdigest()[:32]


def seen(address: str, agent: str, *, day: date | None = None) -> bool:
    """Count the visitor once a day; True when he is new today."""
    day = day or timezone.localdate()
    mark = visitor_mark(day, address, agent)
    if not cache.add(f"analytics:visitor:{mark}", 1, MARK_SECONDS):
        return False
    cache.add(_count_key(day), 0, COUNT_SECONDS)
    try:
        cache.incr(_count_key(day))
    except ValueError:  # evicted between add and incr
        cache.set(_count_key(day), 1, COUNT_SECONDS)
    return True


def flush(today: date | None = None) -> int:
    """Copy yesterday's and today's counts from the cache into VisitorDay (never lowering a
    stored count, in case the cache lost it). Returns the days written."""
    today = today or timezone.localdate()
    written = 0
    for day in (today - timedelta(days=1), today):
        count = cache.get(_count_key(day))
        if count is None:
            continue
        row, _ = VisitorDay.objects.get_or_create(day=day)
        if count > row.visitors:
            row.visitors = count
            row.save(update_fields=["visitors"])
        written += 1
    return written


class VisitorMiddleware:
    """Counts visitors of pages (successful HTML answers to GET), not of files or the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            seen(client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
        return response
