"""Importing realized projects from XLSX (issue 13, point 6): 1,000 projects over the 22
municipalities and their settlements, 2017–2024, through the same service as the staff page.

    python bench/import_realized.py [--rows 1000]
    DATABASE_URL=postgres://… python bench/import_realized.py

Builds a throw-away test database (migrations and the territory demo, not timed), writes the
workbook, then times the first import (every row new), a second import of the same file (every
row unchanged: idempotence) and prints e.g.
`rows=1000 first_s=2.1 again_s=0.9 created=1000 unchanged=1000`. Target: under 30 s.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import Workbook  # noqa: E402

HEADER = ["Название", "Муниципальное образование", "Населённый пункт", "Год", "Направление",
          "Бюджет округа", "Бюджет муниципалитета", "Средства жителей", "Средства спонсоров",
          "Широта", "Долгота", "Описание"]  # fmt: skip
DIRECTIONS = ["roads", "yards", "playgrounds", "culture", "sport", "lighting"]


def workbook(rows: int) -> bytes:
    from veche.territory.models import Municipality

    places = [
        (m.name, [s.name for s in m.settlements.all()])
        for m in Municipality.objects.order_by("name").prefetch_related("settlements")
    ]
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for n in range(rows):
        municipality, settlements = places[n % len(places)]
        settlement = settlements[n % len(settlements)] if settlements else None
        sheet.append([
            f"Проект благоустройства № {n + 1}", municipality, settlement, 2017 + n % 8,
            DIRECTIONS[n % len(DIRECTIONS)], 1_000_000 + n * 10, 200_000.5, 15_000, n % 3 * 5_000,
            None, None, "Проект предложен жителями на собрании.",
        ])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    rows = parser.parse_args().rows
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from veche.core.demo import demos_in_order
        from veche.realized.services import projects_import
        from veche.staff.models import Role
        from veche.staff.tests.factories import RegionWideRoleFactory

        for entry in demos_in_order():
            if entry.app_label == "territory":
                entry.seed()
        admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
        data = workbook(rows)
        start = time.perf_counter()
        first = projects_import(user=admin, data=data, filename="past.xlsx")
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        again = projects_import(user=admin, data=data, filename="past.xlsx")
        again_s = time.perf_counter() - start
        changed = again.created + again.updated
        print(
            f"db={connection.vendor} rows={rows} first_s={first_s:.2f} again_s={again_s:.2f} "
            f"created={first.created} unchanged={again.unchanged} changed={changed}"
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
