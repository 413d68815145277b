"""The gazetteer's import: streets, squares and other named places of the region's settlements
from a CSV or GeoJSON file (docs/territory.md, "Gazetteer"), matched to the settlements already
known by name. Idempotent: a place is found again by its settlement and name and updated. The
whole file loads in one transaction, so a broken file changes nothing."""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .importing import normalize_name
from .models import Place, Settlement

# OSM tags and Russian words → Place.kind; anything else is a street.
_KINDS = {
    "street": Place.Kind.STREET,
    "square": Place.Kind.SQUARE,
    "площадь": Place.Kind.SQUARE,
    "district": Place.Kind.DISTRICT,
    "neighbourhood": Place.Kind.DISTRICT,
    "suburb": Place.Kind.DISTRICT,
    "микрорайон": Place.Kind.DISTRICT,
    "landmark": Place.Kind.LANDMARK,
}


class GazetteerFileError(Exception):
    """The file cannot be read; the message says why, in the user's language."""


@dataclass
class GazetteerReport:
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    settlement: str
    name: str
    kind: str
    lat: float
    lon: float
    municipality: str = ""


def _centroid(geometry: dict) -> tuple[float, float]:
    """The mean of a geometry's points as (lat, lon): a street line's middle, near enough."""
    points: list = []

    def walk(coords):
        if coords and isinstance(coords[0], int | float):
            points.append(coords)
        else:
            for item in coords:
                walk(item)

    walk(geometry.get("coordinates") or [])
    if not points:
        raise ValueError("no coordinates")
    return (
        sum(float(p[1]) for p in points) / len(points),
        sum(float(p[0]) for p in points) / len(points),
    )


def _csv_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"settlement", "name", "lat", "lon"} - set(reader.fieldnames or [])
        if missing:
            raise GazetteerFileError(
                _("The CSV file lacks the columns: %(columns)s.")
                % {"columns": ", ".join(sorted(missing))}
            )
        return [
            Row(
                settlement=r["settlement"],
                name=r["name"],
                kind=r.get("kind") or "",
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                municipality=r.get("municipality") or "",
            )
            for r in reader
        ]


def _geojson_rows(path: Path) -> list[Row]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        lat, lon = _centroid(feature.get("geometry") or {})
        kind = props.get("kind") or props.get("place") or props.get("highway") or ""
        rows.append(
            Row(
                settlement=props.get("settlement") or props.get("addr:city") or "",
                name=props.get("name:ru") or props.get("name") or "",
                kind=kind,
                lat=lat,
                lon=lon,
                municipality=props.get("municipality") or "",
            )
        )
    return rows


def read_rows(path: str | Path) -> list[Row]:
    """The rows of a gazetteer file: `.csv`, or GeoJSON (`.geojson`, `.json`)."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            return _csv_rows(path)
        return _geojson_rows(path)
    except GazetteerFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise GazetteerFileError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error


def _settlement_index() -> dict[str, list[Settlement]]:
    index: dict[str, list[Settlement]] = {}
    for settlement in Settlement.objects.select_related("municipality"):
        index.setdefault(normalize_name(settlement.name), []).append(settlement)
    return index


def _settlement_of(row: Row, index: dict) -> Settlement | None:
    """The one settlement the row names; with a municipality, the one in it."""
    found = index.get(normalize_name(row.settlement), [])
    if row.municipality:
        wanted = normalize_name(row.municipality)
        found = [
            s for s in found if wanted in (normalize_name(s.municipality.name), s.municipality.slug)
        ]
    return found[0] if len(found) == 1 else None


@transaction.atomic
def import_gazetteer(rows: list[Row]) -> GazetteerReport:
    """Create or update a Place for every row whose settlement is known; skip (and name) the
    others. An invalid row (coordinates out of range, an empty name) refuses the whole file."""
    report = GazetteerReport()
    index = _settlement_index()
    for number, row in enumerate(rows, start=1):
        settlement = _settlement_of(row, index)
        name = " ".join(row.name.split())
        if settlement is None:
            report.skipped.append(f"{row.name} ({row.settlement})")
            continue
        place = Place.objects.filter(settlement=settlement, name=name).first()
        created = place is None
        place = place or Place(settlement=settlement, name=name)
        place.kind = _KINDS.get(row.kind.strip().casefold(), Place.Kind.STREET)
        place.lat, place.lon = row.lat, row.lon
        try:
            place.full_clean()
        except ValidationError as error:
            raise GazetteerFileError(
                _("Row %(number)d (%(name)s): %(errors)s")
                % {"number": number, "name": row.name, "errors": "; ".join(error.messages)}
            ) from error
        place.save()
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report
