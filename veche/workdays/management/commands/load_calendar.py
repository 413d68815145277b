"""Load the official production calendar (data/ru.json) into the working-day calendar.

Days an admin changed are kept. Run it after updating the data file, e.g. when the government
publishes the next year's transfers.
"""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from veche.workdays.official import available_years, is_provisional
from veche.workdays.services import calendar_load


class Command(BaseCommand):
    help = "Load the official working-day calendar without overwriting days an admin changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="Load only this year (repeat for several); all years of the data file by default.",
        )

    def handle(self, *args, years=None, **options):
        try:
            result = calendar_load(years=years)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Working-day calendar loaded: %(created)d created, %(updated)d updated, "
                    "%(deleted)d removed, %(kept)d changed by an admin and kept."
                )
                % asdict(result)
            )
        )
        for year in years or available_years():
            if is_provisional(year):
                self.stdout.write(
                    self.style.WARNING(
                        _("%(year)d follows the Labour Code only: check the government's decree.")
                        % {"year": year}
                    )
                )
