"""manage.py import_gazetteer PATH: the streets and places the filing form's search finds."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from veche.territory.gazetteer import GazetteerFileError, import_gazetteer, read_rows


class Command(BaseCommand):
    help = (
        "Load streets, squares and other named places of the region's settlements from a CSV "
        "(settlement,name,kind,lat,lon[,municipality]) or GeoJSON file (docs/territory.md). "
        "Idempotent; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .csv or .geojson file")

    def handle(self, *args, **options):
        try:
            report = import_gazetteer(read_rows(options["path"]))
        except GazetteerFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Places created: %(created)d, updated: %(updated)d, skipped: %(skipped)d.")
            % {
                "created": report.created,
                "updated": report.updated,
                "skipped": len(report.skipped),
            }
        )
        for name in report.skipped:
            self.stdout.write(_("Skipped, settlement not found: %(name)s") % {"name": name})
