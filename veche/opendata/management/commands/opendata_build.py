"""Nightly: regenerate the open-data files (docs/opendata.md)."""

from django.core.management.base import BaseCommand

from veche.opendata.build import build


class Command(BaseCommand):
    help = "Write every open dataset as CSV, XLSX, JSON and GeoJSON under OPENDATA_ROOT."

    def handle(self, *args, **options):
        catalogue = build()
        for slug, entry in catalogue["datasets"].items():
            self.stdout.write(f"{slug}: {entry['rows']} rows")
