"""Import of the programme's objects from CSV or XLSX (docs/infrastructure.md, "Import").

- The first row names the columns (`COLUMNS`: an English code or its Russian heading, any case).
- A row's object is found by the source's id (`source_id`): a new id creates an object, a known
  one updates the fields that differ and adds one history entry with the changes, an identical
  row changes nothing — importing the same file twice writes nothing at all.
- The geometry is a GeoJSON cell or a latitude and a longitude; the municipality is the one
  holding the representative point (the territory's point → municipality), and every
  municipality a vertex lies in is kept as crossed. A point outside every municipality is bad.
- Every bad row is reported with its line number (the header is line 1) and nothing is written
  unless every row is good: one transaction, after every row has been checked.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from veche.agencies.models import Agency
from veche.core.tables import (
    ImportRefused,
    blank,
    coordinate,
    date_cell,
    header_positions,
    money,
    read_table,
    text,
)
from veche.events.services import record_event
from veche.search.text import stems
from veche.staff.services import audit_log
from veche.territory import geometry as territory_geometry
from veche.territory.selectors import municipality_locator

from .. import geometry as geo
from ..models import (
    FIRST_YEAR,
    LAST_YEAR,
    Category,
    Facility,
    FacilityMunicipality,
    HistoryEntry,
    Status,
    WorkType,
)
from .facilities import TRACKED, as_text

MAX_ROWS = 50000
MAX_NAME = 300
BATCH = 1000
# Column code → the headings it is recognised by (lower case); the first is the template's.
COLUMNS = {
    "source_id": ("source_id", "id", "идентификатор"),
    "name": ("name", "название", "наименование"),
    "category": ("category", "категория"),
    "address": ("address", "адрес"),
    "geometry": ("geometry", "геометрия"),
    "lat": ("lat", "широта"),
    "lon": ("lon", "долгота"),
    "programme": ("programme", "программа"),
    "year": ("year", "год"),
    "work_type": ("work_type", "вид работ"),
    "status": ("status", "статус"),
    "planned_start": ("planned_start", "начало по плану"),
    "planned_end": ("planned_end", "окончание по плану"),
    "actual_start": ("actual_start", "начало факт"),
    "actual_end": ("actual_end", "окончание факт"),
    "contractor": ("contractor", "подрядчик"),
    "agency": ("agency", "ответственный орган"),
    "budget_planned": ("budget_planned", "бюджет план"),
    "budget_spent": ("budget_spent", "освоено"),
    "progress": ("progress", "готовность"),
    "description": ("description", "описание"),
}
REQUIRED = ("source_id", "name", "category", "year", "work_type")
# The fields an import sets; what it compares to tell an unchanged row.
FIELDS = (
    "name",
    "address",
    "category_id",
    "geometry",
    "programme",
    "year",
    "work_type",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "contractor",
    "agency_id",
    "budget_planned",
    "budget_spent",
    "progress",
    "description",
)
# Set together with the geometry (derived from it).
DERIVED = ("shape", "lat", "lon", "min_lat", "min_lon", "max_lat", "max_lon", "municipality_id")

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _choice_names(choices) -> dict[str, str]:
    """Every way a cell may name a choice: its code and its label in each portal language."""
    names = {}
    for code, label in choices:
        names[code] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[str(label).lower()] = code
    return names


class _Lookups:
    """What rows refer to, read once: categories, agencies, the municipality locator."""

    def __init__(self) -> None:
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.name.lower()] = category.pk
            self.categories[category.slug.lower()] = category.pk
        self.agencies = {a.name.lower(): a.pk for a in Agency.objects.only("pk", "name")}
        self.statuses = _choice_names(Status.choices)
        self.work_types = _choice_names(WorkType.choices)
        self.locate = municipality_locator()


def _pick(names: dict[str, str], value, label: str) -> str:
    code = names.get(text(value).lower())
    if code is None:
        raise ValueError(
            _("Unknown %(column)s: «%(value)s».") % {"column": label, "value": text(value)}
        )
    return code


def _geometry(cell) -> geo.Measured:
    raw = text(cell("geometry"))
    if raw:
        try:
            return geo.measure(json.loads(raw))
        except json.JSONDecodeError:
            raise ValueError(_("The geometry is not GeoJSON.")) from None
    lat = coordinate(cell("lat"), 90, _("Latitude"))
    lon = coordinate(cell("lon"), 180, _("Longitude"))
    if lat is None or lon is None:
        raise ValueError(_("Give the geometry, or the latitude and the longitude."))
    return geo.measure(geo.point(lat, lon))


def _crossed(measured: geo.Measured, locate, own) -> set[int]:
    """The municipalities the geometry's vertices lie in (at most 200 vertices sampled)."""
    found = {own.pk}
    if measured.shape == "point":
        return found
    points = geo.vertices(measured.geometry)
    step = max(1, len(points) // 200)
    for lon, lat in (p[:2] for p in points[::step]):
        # Most vertices lie in the object's own municipality: one test instead of a search.
        if territory_geometry.contains(own.boundary, lat, lon):
            continue
        municipality = locate(lat, lon)
        if municipality is not None:
            found.add(municipality.pk)
    return found


def _year(value) -> int:
    try:
        year = int(text(value))
    except ValueError:
        raise ValueError(_("The year is not a number: «%s».") % text(value)) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            _("The year must be from %(first)d to %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _progress(value) -> int:
    raw = text(value).rstrip("%").strip()
    if not raw:
        return 0
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(_("The progress is not a whole number: «%s».") % raw) from None
    if not 0 <= number <= 100:
        raise ValueError(_("The progress must be from 0 to 100: «%s».") % raw)
    return number


def _parse_row(cells, positions, lookups: _Lookups) -> dict:
    def cell(code):
        index = positions.get(code)
        return cells[index] if index is not None and index < len(cells) else None

    source_id = text(cell("source_id"))
    if not source_id or len(source_id) > 64:
        raise ValueError(_("The id is empty or longer than 64 characters."))
    name = text(cell("name"))
    if not name or len(name) > MAX_NAME:
        raise ValueError(
            _("The name is empty or longer than %(max)d characters.") % {"max": MAX_NAME}
        )
    category = lookups.categories.get(text(cell("category")).lower())
    if category is None:
        raise ValueError(_("Unknown category: «%s».") % text(cell("category")))
    agency = None
    if text(cell("agency")):
        agency = lookups.agencies.get(text(cell("agency")).lower())
        if agency is None:
            raise ValueError(_("Unknown agency: «%s».") % text(cell("agency")))
    measured = _geometry(cell)
    municipality = lookups.locate(measured.lat, measured.lon)
    if municipality is None:
        raise ValueError(
            _("The point %(lat).5f, %(lon).5f lies outside the region's municipalities.")
            % {"lat": measured.lat, "lon": measured.lon}
        )
    row = {
        "source_id": source_id,
        "name": name,
        "address": text(cell("address"))[:300],
        "category_id": category,
        "geometry": measured.geometry,
        "programme": text(cell("programme"))[:300],
        "year": _year(cell("year")),
        "work_type": _pick(lookups.work_types, cell("work_type"), _("work type")),
        "status": (
            _pick(lookups.statuses, cell("status"), _("status"))
            if text(cell("status"))
            else Status.PLANNED
        ),
        "contractor": text(cell("contractor"))[:300],
        "agency_id": agency,
        "budget_planned": money(cell("budget_planned"), COLUMNS["budget_planned"][0]),
        "budget_spent": money(cell("budget_spent"), COLUMNS["budget_spent"][0]),
        "progress": _progress(cell("progress")),
        "description": text(cell("description"))[:5000],
        # Derived from the geometry.
        "shape": measured.shape,
        "lat": measured.lat,
        "lon": measured.lon,
        "min_lon": measured.bbox[0],
        "min_lat": measured.bbox[1],
        "max_lon": measured.bbox[2],
        "max_lat": measured.bbox[3],
        "municipality_id": municipality.pk,
        "crossed": _crossed(measured, lookups.locate, municipality),
    }
    for code in ("planned_start", "planned_end", "actual_start", "actual_end"):
        row[code] = date_cell(cell(code), COLUMNS[code][0])
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if row[start] and row[end] and row[end] < row[start]:
            raise ValueError(
                _("%(end)s comes before %(start)s.")
                % {"end": COLUMNS[end][0], "start": COLUMNS[start][0]}
            )
    return row


def parse_rows(table, *, progress: Progress | None = None) -> list[tuple[int, dict]]:
    """Every data row checked; ImportRefused with every bad row when any is bad."""
    rows = [(line, cells) for line, cells in table if not blank(cells)]
    if not rows:
        raise ImportRefused([(1, _("The file is empty."))])
    positions = header_positions(rows[0][1], COLUMNS, REQUIRED)
    if "geometry" not in positions and not {"lat", "lon"} <= set(positions):
        raise ImportRefused([(1, _("The first row needs a geometry column, or lat and lon."))])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused([(0, _("At most %(max)d rows in one file.") % {"max": MAX_ROWS})])
    lookups = _Lookups()
    good, errors, seen = [], [], {}
    total = len(rows) - 1
    for done, (line, cells) in enumerate(rows[1:], 1):
        try:
            row = _parse_row(cells, positions, lookups)
        except ValueError as error:
            errors.append((line, str(error)))
            continue
        first = seen.setdefault(row["source_id"], line)
        if first != line:
            errors.append((line, _("The same id as on line %(line)d.") % {"line": first}))
            continue
        good.append((line, row))
        if progress and done % BATCH == 0:
            progress(done, total)
    if errors:
        raise ImportRefused(errors)
    if progress:
        progress(total, total)
    return good


def facilities_import(
    *, user, data: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import the file whole, or nothing (see the module's docstring). A regional admin's."""
    if not user.has_perm("infrastructure.import_facilities"):
        raise PermissionDenied(_("Only the regional administration imports the registry."))
    return import_table(
        read_table(data, filename), actor=user, filename=filename, progress=progress
    )


def import_table(table, *, actor, filename: str, progress: Progress | None = None) -> ImportResult:
    """The import itself, for an authorized caller (the service above, the command line run by
    the server's operator, the demo)."""
    rows = parse_rows(table, progress=progress)
    result = ImportResult()
    with transaction.atomic():
        existing = _existing(row["source_id"] for _line, row in rows)
        new, changed, entries, crossed = [], [], [], {}
        for _line, row in rows:
            facility = existing.get(row["source_id"])
            values = {k: v for k, v in row.items() if k != "crossed"}
            values["search_stems"] = stems(row["name"], row["address"], row["contractor"])
            if facility is None:
                new.append((Facility(**values), row["crossed"]))
                continue
            changes = {
                name: [as_text(getattr(facility, name)), as_text(row[name])]
                for name in FIELDS
                if getattr(facility, name) != row[name]
            }
            if not changes:
                result.unchanged += 1
                continue
            if "geometry" in changes:
                changes["geometry"] = [None, None]  # too long for the history: only "changed"
                crossed[facility.pk] = row["crossed"]
            for name, value in values.items():
                setattr(facility, name, value)
            changed.append(facility)
            entries.append(
                HistoryEntry(
                    facility=facility,
                    source=HistoryEntry.Source.IMPORT,
                    changes=changes,
                    author=_user(actor),
                )
            )
        created = Facility.objects.bulk_create([f for f, _c in new], batch_size=BATCH)
        for facility, (_f, municipalities) in zip(created, new, strict=True):
            crossed[facility.pk] = municipalities
            entries.append(
                HistoryEntry(
                    facility=facility,
                    source=HistoryEntry.Source.CREATED,
                    changes={n: [None, as_text(getattr(facility, n))] for n in TRACKED},
                    author=_user(actor),
                )
            )
        if changed:
            Facility.objects.bulk_update(
                changed, [*FIELDS, *DERIVED, "search_stems", "updated_at"], batch_size=BATCH
            )
        _set_crossed(crossed)
        HistoryEntry.objects.bulk_create(entries, batch_size=BATCH)
        result.created, result.updated = len(created), len(changed)
        if result.created or result.updated:
            # A file that changes nothing writes nothing at all, not even its event.
            details = {"file": filename[:200], **result.__dict__}
            audit_log(
                actor=actor, action="infrastructure.facilities_import", target=None, details=details
            )
            record_event(
                kind="infrastructure.facilities_import",
                subject=("infrastructure.registry", "import"),
                actor=_user(actor),
                payload=details,
            )
    return result


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _existing(source_ids) -> dict[str, Facility]:
    """The objects already registered under the rows' ids, by id, locked."""
    wanted = list(source_ids)
    found = {}
    # Chunks keep the IN list under SQLite's variable limit.
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        for facility in (
            Facility.objects.select_for_update()
            .filter(source_id__in=chunk)
            .only("pk", "source_id", *FIELDS)
        ):
            found[facility.source_id] = facility
    return found


def _set_crossed(crossed: dict[int, set[int]]) -> None:
    ids = list(crossed)
    for start in range(0, len(ids), 5000):
        FacilityMunicipality.objects.filter(facility_id__in=ids[start : start + 5000]).delete()
    FacilityMunicipality.objects.bulk_create(
        [
            FacilityMunicipality(facility_id=facility, municipality_id=municipality)
            for facility, municipalities in crossed.items()
            for municipality in sorted(municipalities)
        ],
        batch_size=BATCH,
    )
