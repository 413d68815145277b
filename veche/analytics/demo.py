"""Demo: the aggregates rebuilt over the demo reports, so the dashboards look like a portal in
use (idempotent: a refresh rebuilds the same rows)."""

from datetime import timedelta

from django.utils import timezone

from .services import analytics_refresh


def seed() -> None:
    today = timezone.localdate()
    analytics_refresh(first=today - timedelta(days=729), last=today)
