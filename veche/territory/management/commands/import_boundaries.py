"""manage.py import_boundaries PATH: real boundaries from a GeoJSON file (e.g. OpenStreetMap)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from veche.territory.importing import (
    MUNICIPALITY,
    SETTLEMENT,
    BoundaryFileError,
    ImportReport,
    import_boundaries,
    read_features,
)
from veche.territory.models import Region


class Command(BaseCommand):
    help = (
        "Set the boundaries of municipalities or settlements from a GeoJSON FeatureCollection "
        "(OpenStreetMap administrative boundaries: properties name, name:ru, official_name, "
        "admin_level), matching features to places by name. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON FeatureCollection file")
        parser.add_argument("--level", choices=[MUNICIPALITY, SETTLEMENT], default=MUNICIPALITY)
        parser.add_argument("--region", help="region code (slug); needed when there are several")
        parser.add_argument(
            "--admin-level", help="consider only features with this admin_level (e.g. 6)"
        )
        parser.add_argument(
            "--create",
            action="store_true",
            help="with --level settlement: create settlements that match none",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, save nothing"
        )

    def handle(self, *args, **options):
        if options["create"] and options["level"] != SETTLEMENT:
            raise CommandError(_("--create works only with --level settlement."))
        region = self._region(options["region"])
        try:
            report = import_boundaries(
                features=read_features(options["path"]),
                region=region,
                level=options["level"],
                create=options["create"],
                dry_run=options["dry_run"],
                admin_level=options["admin_level"],
            )
        except BoundaryFileError as e:
            raise CommandError(_("%(error)s Nothing was changed.") % {"error": e}) from e
        self._print(report, dry_run=options["dry_run"])

    def _region(self, slug: str | None) -> Region:
        if slug:
            region = Region.objects.filter(slug=slug).first()
            if region is None:
                raise CommandError(_("There is no region with code «%(slug)s».") % {"slug": slug})
            return region
        regions = list(Region.objects.all()[:2])
        if len(regions) != 1:
            raise CommandError(_("Name the region with --region: there is no single region."))
        return regions[0]

    def _section(self, title: str, lines: list[str]) -> None:
        self.stdout.write(f"{title}: {len(lines)}")
        for line in lines:
            self.stdout.write(f"  {line}")

    def _print(self, report: ImportReport, *, dry_run: bool) -> None:
        self._section(
            pgettext("import report", "Updated"),
            [f"«{name}» → {place}" for name, place in report.updated],
        )
        self._section(
            pgettext("import report", "Created"),
            [f"«{name}» → {place}" for name, place in report.created],
        )
        self._section(pgettext("import report", "Skipped"), report.skipped)
        self._section(pgettext("import report", "Warnings"), report.warnings)
        self._section(
            pgettext("import report", "Left without a boundary from this file"), report.not_in_file
        )
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was saved.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Boundaries are saved.")))
