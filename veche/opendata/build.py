"""Writing the open-data files: every registered dataset as CSV, XLSX, JSON and (with a point)
GeoJSON, plus `catalogue.json` with the counts and the time of the build. Files are written into
a fresh directory beside the old one and swapped in at the end, so a download never sees half a
build and a failed build leaves yesterday's files."""

import csv
import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from openpyxl import Workbook

from veche.core.opendata import Dataset, datasets

FORMATS = ("csv", "xlsx", "json", "geojson")
CATALOGUE = "catalogue.json"


def root() -> Path:
    return Path(settings.OPENDATA_ROOT)


def formats_of(dataset: Dataset) -> tuple[str, ...]:
    return FORMATS if dataset.point else FORMATS[:3]


def licence() -> dict:
    return {"name": settings.OPENDATA_LICENCE, "url": settings.OPENDATA_LICENCE_URL}


def build() -> dict:
    """Write every dataset; returns the catalogue (slug → rows, formats)."""
    target = root()
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    built_at = timezone.now().isoformat(timespec="seconds")
    catalogue = {"built_at": built_at, "licence": licence(), "datasets": {}}
    for dataset in datasets():
        rows = list(dataset.rows())
        for fmt in formats_of(dataset):
            WRITERS[fmt](fresh / f"{dataset.slug}.{fmt}", dataset, rows)
        catalogue["datasets"][dataset.slug] = {"rows": len(rows), "formats": formats_of(dataset)}
    (fresh / CATALOGUE).write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return catalogue


def read_catalogue() -> dict | None:
    path = root() / CATALOGUE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _names(dataset: Dataset) -> list[str]:
    return [column.name for column in dataset.columns]


def write_csv(path: Path, dataset: Dataset, rows: list[dict]) -> None:
    # UTF-8 with a BOM: spreadsheet programs then read Cyrillic right.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=_names(dataset))
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)


def write_xlsx(path: Path, dataset: Dataset, rows: list[dict]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(dataset.slug[:31])
    names = _names(dataset)
    sheet.append(names)
    for row in rows:
        sheet.append([row[name] for name in names])
    book.save(path)


def write_json(path: Path, dataset: Dataset, rows: list[dict]) -> None:
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "licence": licence(),
        "columns": [
            {"name": c.name, "type": c.type, "meaning": str(c.meaning)} for c in dataset.columns
        ],
        "rows": rows,
    }
    path.write_text(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False), "utf-8")


def write_geojson(path: Path, dataset: Dataset, rows: list[dict]) -> None:
    lat_name, lon_name = dataset.point
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row[lon_name], row[lat_name]]},
            "properties": {k: v for k, v in row.items() if k not in (lat_name, lon_name)},
        }
        for row in rows
        if row[lat_name] is not None
    ]
    document = {"type": "FeatureCollection", "licence": licence(), "features": features}
    path.write_text(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False), "utf-8")


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "json": write_json, "geojson": write_geojson}
