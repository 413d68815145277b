"""The daily digest of open reports for agency staff; run from cron once a day.

Idempotent per user and day (veche/notifications/digest.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from veche.notifications.digest import digests_send


class Command(BaseCommand):
    help = "E-mail each official the daily digest of his agency's open reports (once a day)."

    def handle(self, *args, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            sent = digests_send()
        self.stdout.write(f"digests: {sent}")
