"""Delete the keyed hashes of voters' networks and devices after VOTE_SIGNAL_KEEP_DAYS (90 by
default): run daily by cron or a systemd timer, like `budgeting_reminders`. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand

from veche.budgeting.privacy_voting import forget_vote_traces


class Command(BaseCommand):
    help = "Delete voters' network and device hashes older than VOTE_SIGNAL_KEEP_DAYS."

    def handle(self, *args, **options):
        forgotten = forget_vote_traces(older_than_days=settings.VOTE_SIGNAL_KEEP_DAYS)
        self.stdout.write(f"forgotten: {forgotten}")
