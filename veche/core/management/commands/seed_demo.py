"""Load the demo: Yugra's territory, the working-day calendar, agencies, a user of every role, the
reports catalogue and a few reports in every state.

Idempotent: run again, it updates what is there and creates nothing twice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from veche.agencies import demo as agencies_demo
from veche.reports import demo as reports_demo
from veche.staff import demo as staff_demo
from veche.territory import demo as territory_demo
from veche.workdays import demo as workdays_demo


class Command(BaseCommand):
    help = "Load idempotent demo data and print the demo accounts."

    def handle(self, *args, **options):
        with transaction.atomic():
            territory_demo.seed()
            workdays_demo.seed()
            agencies_demo.seed()
            personas = staff_demo.seed()
            reports_demo.seed()
            reports_demo.seed_reports()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Demo accounts:"))
        width = max(len(p.role_label) for p in personas)
        for persona in personas:
            label = persona.role_label.ljust(width)
            self.stdout.write(f"  {label}  {persona.email}  {persona.password}")
