"""Grant and revoke points from the events recorded since the last run (a periodic job: cron or a
systemd timer every minute).

    manage.py points_process [--batch 500]
"""

from django.core.management.base import BaseCommand

from veche.points.services import process_events


class Command(BaseCommand):
    help = "Grant and revoke points from new events in the event log."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        total = 0
        while handled := process_events(limit=batch):
            total += handled
        self.stdout.write(f"{total} event(s) read.")
