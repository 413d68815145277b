"""Load the demo data of every installed app, each after the apps it builds on, and print the demo
accounts. Apps register their demo in veche.core.demo from `AppConfig.ready()`.

Idempotent: run again, it updates what is there and creates nothing twice.

`--config <name>` (default: the VECHE_CONFIG setting) loads a registered configuration instead —
another deployment's territory, agencies, people and demo activity (docs/configuration.md).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from veche.core.demo import configuration_names, seed_all, seed_configuration


class Command(BaseCommand):
    help = "Load idempotent demo data and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--config",
            default=getattr(settings, "VECHE_CONFIG", ""),
            help="A configuration to load instead of the default demo: "
            + (", ".join(configuration_names()) or "none registered"),
        )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                config = options["config"]
                accounts = seed_configuration(config) if config else seed_all()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Demo accounts:"))
        width = max((len(account.role_label) for account in accounts), default=0)
        for account in accounts:
            label = account.role_label.ljust(width)
            self.stdout.write(f"  {label}  {account.email}  {account.password}")
