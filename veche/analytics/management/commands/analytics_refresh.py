"""Rebuild the daily aggregates of the dashboards (periodic; idempotent)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from veche.analytics.services import analytics_refresh


class Command(BaseCommand):
    help = "Rebuild the analytics aggregates of the last --days days (by day of filing)."

    def add_arguments(self, parser):
        # A year and a month: reports filed that long ago still get answers and ratings.
        parser.add_argument("--days", type=int, default=400)

    def handle(self, *args, days: int, **options):
        today = timezone.localdate()
        result = analytics_refresh(first=today - timedelta(days=max(days, 1) - 1), last=today)
        self.stdout.write(
            f"analytics: {result.first}…{result.last}: {result.report_rows} report rows, "
            f"{result.cell_rows} cells, {result.participation_rows} participation rows"
        )
