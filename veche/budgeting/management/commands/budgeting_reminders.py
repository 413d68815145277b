"""Remind applicants, on the working day before, that their revision is due (run daily by cron
or a systemd timer, like `report_deadlines`). Each reminder is sent once per deadline."""

from django.core.management.base import BaseCommand

from veche.budgeting.notices import remind_revisions


class Command(BaseCommand):
    help = "Remind applicants whose revision is due on the next working day."

    def handle(self, *args, **options):
        told = remind_revisions()
        self.stdout.write(f"reminded: {told}")
