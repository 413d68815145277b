"""The daily digest: one letter per person a day, with the parts every app registered; run from
cron once a day. Idempotent per user and day (veche/notifications/digest.py)."""

from django.core.management.base import BaseCommand

from veche.notifications.digest import digests_send


class Command(BaseCommand):
    help = "E-mail the daily digest to everyone some app has something to list for (once a day)."

    def handle(self, *args, **options) -> None:
        sent = digests_send()
        self.stdout.write(f"digests: {sent}")
