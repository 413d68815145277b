"""Load the demo data of every installed app, each after the apps it builds on, and print the demo
accounts. Apps register their demo in veche.core.demo from `AppConfig.ready()`.

Idempotent: run again, it updates what is there and creates nothing twice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from veche.core.demo import seed_all


class Command(BaseCommand):
    help = "Load idempotent demo data and print the demo accounts."

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = seed_all()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Demo accounts:"))
        width = max((len(account.role_label) for account in accounts), default=0)
        for account in accounts:
            label = account.role_label.ljust(width)
            self.stdout.write(f"  {label}  {account.email}  {account.password}")
