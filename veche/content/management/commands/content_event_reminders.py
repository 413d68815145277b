"""Remind residents who marked «Пойду» of events starting within the next hours (run by cron
or a systemd timer, like report_deadlines)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from veche.content.services import send_reminders


class Command(BaseCommand):
    help = "Remind residents of the events they will attend."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="How far ahead to remind.")

    def handle(self, *args, hours: int, **options):
        told = send_reminders(ahead=timedelta(hours=hours))
        self.stdout.write(f"reminded: {told}")
