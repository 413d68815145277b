"""Show in the site-wide search the news, pages and questions whose scheduled publication time
came within the last hours (run hourly by cron or a systemd timer): the search indexes a
scheduled item hidden when it is saved (docs/search.md, "Publication in the future")."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from veche.content.searching import KINDS
from veche.search.services import index_by_id


class Command(BaseCommand):
    help = "Index the content items whose scheduled publication time has come."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=2, help="How far back to look.")

    def handle(self, *args, hours: int, **options):
        now = timezone.now()
        count = 0
        for kind, model in KINDS.items():
            due = model.objects.filter(
                status="published",
                published_at__lte=now,
                published_at__gt=now - timedelta(hours=hours),
            ).values_list("pk", flat=True)
            for pk in due:
                index_by_id(kind, pk)
                count += 1
        self.stdout.write(f"indexed: {count}")
