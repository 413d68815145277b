"""The periodic job of virtual capital (daily, from cron or a systemd timer): issue what the
rules owe verified residents, and return the capital of projects that expired below their goal.

    manage.py capital_run
"""

from django.core.management.base import BaseCommand

from veche.community.services import capital_issue, projects_close_expired


class Command(BaseCommand):
    help = "Issue virtual capital by the rules and close expired projects."

    def handle(self, *args, **options):
        issued = capital_issue()
        closed = projects_close_expired()
        self.stdout.write(f"{issued} grant(s) issued, {closed} expired project(s) returned.")
