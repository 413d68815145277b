"""Deadline reminders, overdue notices and escalations; run from cron every ~15 minutes. It also
forgets the photos of filing forms abandoned after an error (services/pending.py).

Idempotent: a second run sends nothing that the first one sent (veche/reports/notices/deadlines.py).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from veche.reports.notices.deadlines import deadlines_run
from veche.reports.services.pending import pending_photos_expire


class Command(BaseCommand):
    help = "Send report deadline reminders, overdue notices and escalations (idempotent)."

    def handle(self, *args, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            run = deadlines_run()
        expired = pending_photos_expire()
        self.stdout.write(
            f"reminders: {run.reminders}, overdue: {run.overdue}, escalations: {run.escalations}"
        )
        if expired:
            self.stdout.write(f"photos of abandoned forms removed: {expired}")
