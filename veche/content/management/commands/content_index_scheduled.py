"""Show in the site-wide search the news, pages and questions whose scheduled publication time
came within the last hours (run hourly by cron or a systemd timer): the search indexes a
scheduled item hidden when it is saved (docs/search.md, "Publication in the future")."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from veche.content.searching import KINDS
from veche.search.kinds import searchable
from veche.search.services import index_item


class Command(BaseCommand):
    help = "Index the content items whose scheduled publication time has come."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=2, help="How far back to look.")

    def handle(self, *args, hours: int, **options):
        now = timezone.now()
        count = 0
        for kind in KINDS:
            spec = searchable(kind)
            # The kind's own rows (with what its document reads), visible by the content's rule.
            due = spec.queryset().visible(now).filter(published_at__gt=now - timedelta(hours=hours))
            for item in due:
                index_item(spec, item)
                count += 1
        self.stdout.write(f"indexed: {count}")
