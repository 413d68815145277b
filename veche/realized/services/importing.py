"""Import of past years' realized projects from CSV or XLSX (docs/realized.md, "Import").

- The first row names the columns (`COLUMNS`: an English code or its Russian heading, any case).
- A row's project is found by its natural key (municipality, year, name): a new key creates a
  project, a known one updates the fields that differ, an identical row changes nothing — so
  importing the same file twice changes nothing.
- Every bad row is reported with its line number (the header is line 1) and nothing is written
  unless every row is good: one transaction, after every row has been checked.
- A municipal admin imports rows of his municipalities only; another municipality's row is bad.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from veche.core.tables import (
    ImportRefused,
    blank,
    coordinate,
    header_positions,
    money,
    read_table,
    text,
)
from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.territory.models import Municipality, Settlement

from .. import rules
from ..models import (
    FIRST_YEAR,
    LAST_YEAR,
    SOURCES,
    Direction,
    Project,
    ProjectUpdate,
    Status,
)
from ._common import NOT_KEEPER, require

MAX_ROWS = 20000
MAX_NAME = 300
# Column code → the headings it is recognised by (lower case); the first is the template's.
COLUMNS = {
    "name": ("name", "название"),
    "municipality": ("municipality", "муниципальное образование"),
    "settlement": ("settlement", "населённый пункт", "населенный пункт"),
    "year": ("year", "год"),
    "direction": ("direction", "направление"),
    "status": ("status", "статус"),
    "lat": ("lat", "широта"),
    "lon": ("lon", "долгота"),
    "amount_region": ("amount_region", "бюджет округа"),
    "amount_municipality": ("amount_municipality", "бюджет муниципалитета"),
    "amount_residents": ("amount_residents", "средства жителей"),
    "amount_sponsors": ("amount_sponsors", "средства спонсоров"),
    "description": ("description", "описание"),
}
REQUIRED = ("name", "municipality", "year", "direction")
# The fields an import sets; what it compares to tell an unchanged row.
FIELDS = (
    "settlement_id",
    "lat",
    "lon",
    "direction",
    "status",
    *(f"amount_{s}" for s in SOURCES),
    "description",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _header(cells) -> dict[str, int]:
    return header_positions(cells, COLUMNS, REQUIRED)


def _choice(value, choices, label: str) -> str:
    raw = text(value).lower()
    for code, name in choices:
        if raw == code or raw in _labels(name):
            return code
    raise ValueError(
        _("Unknown %(column)s: «%(value)s».") % {"column": label, "value": text(value)}
    )


def _labels(name) -> set[str]:
    """A choice's label in every language of the portal, lower-cased."""
    found = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.add(str(name).lower())
    return found


class _Places:
    """The region's municipalities and settlements by lower-cased name, read once."""

    def __init__(self) -> None:
        self.municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
        self.settlements = {
            (s.municipality_id, s.name.lower()): s.pk
            for s in Settlement.objects.only("pk", "name", "municipality_id")
        }


def _parse_row(cells, positions, places: _Places, scope) -> dict:
    def cell(code):
        index = positions.get(code)
        return cells[index] if index is not None and index < len(cells) else None

    name = text(cell("name"))
    if not name:
        raise ValueError(_("The name is empty."))
    if len(name) > MAX_NAME:
        raise ValueError(_("The name is longer than %(max)d characters.") % {"max": MAX_NAME})
    municipality = places.municipalities.get(text(cell("municipality")).lower())
    if municipality is None:
        raise ValueError(_("Unknown municipality: «%s».") % text(cell("municipality")))
    if scope is not None and municipality.pk not in scope:
        raise ValueError(
            _("You do not keep the projects of %(municipality)s.")
            % {"municipality": municipality.name}
        )
    settlement_id = None
    if text(cell("settlement")):
        settlement_id = places.settlements.get((municipality.pk, text(cell("settlement")).lower()))
        if settlement_id is None:
            raise ValueError(
                _("Unknown settlement in %(municipality)s: «%(settlement)s».")
                % {"municipality": municipality.name, "settlement": text(cell("settlement"))}
            )
    try:
        year = int(text(cell("year")))
    except ValueError:
        raise ValueError(_("The year is not a number: «%s».") % text(cell("year"))) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            _("The year must be from %(first)d to %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    lat = coordinate(cell("lat"), 90, _("Latitude"))
    lon = coordinate(cell("lon"), 180, _("Longitude"))
    if (lat is None) != (lon is None):
        raise ValueError(_("Give both the latitude and the longitude, or neither."))
    status = Status.IMPLEMENTED
    if text(cell("status")):
        status = _choice(cell("status"), Status.choices, _("status"))
    row = {
        "name": name,
        "municipality": municipality,
        "year": year,
        "settlement_id": settlement_id,
        "lat": lat,
        "lon": lon,
        "direction": _choice(cell("direction"), Direction.choices, _("direction")),
        "status": status,
        "description": text(cell("description"))[:5000],
    }
    for source in SOURCES:
        row[f"amount_{source}"] = money(cell(f"amount_{source}"), COLUMNS[f"amount_{source}"][0])
    return row


def parse_rows(table, *, scope) -> list[tuple[int, dict]]:
    """Every data row checked; ImportRefused with every bad row when any is bad."""
    rows = [(line, cells) for line, cells in table if not blank(cells)]
    if not rows:
        raise ImportRefused([(1, _("The file is empty."))])
    positions = _header(rows[0][1])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused([(0, _("At most %(max)d rows in one file.") % {"max": MAX_ROWS})])
    places = _Places()
    good, errors, seen = [], [], {}
    for line, cells in rows[1:]:
        try:
            row = _parse_row(cells, positions, places, scope)
        except ValueError as error:
            errors.append((line, str(error)))
            continue
        key = (row["municipality"].pk, row["year"], row["name"].lower())
        if key in seen:
            errors.append((line, _("The same project as on line %(line)d.") % {"line": seen[key]}))
            continue
        seen[key] = line
        good.append((line, row))
    if errors:
        raise ImportRefused(errors)
    return good


def projects_import(*, user, data: bytes, filename: str) -> ImportResult:
    """Import the file whole, or nothing (see the module's docstring)."""
    require(user, "realized.import_projects", None, NOT_KEEPER)
    scope = rules.kept_municipalities(user)
    rows = parse_rows(read_table(data, filename), scope=scope)
    result = ImportResult()
    with transaction.atomic():
        existing = _existing(rows)
        new = []
        for _line, row in rows:
            key = (row["municipality"].pk, row["year"], row["name"].lower())
            project = existing.get(key)
            if project is None:
                new.append(Project(**row))
                continue
            differs = [name for name in FIELDS if getattr(project, name) != row[name]]
            if not differs:
                result.unchanged += 1
                continue
            for name in differs:
                setattr(project, name, row[name])
            project.full_clean(validate_unique=False, validate_constraints=False)
            project.save(update_fields=[*differs, "updated_at"])
            result.updated += 1
        for project in new:
            project.full_clean(validate_unique=False, validate_constraints=False)
        created = Project.objects.bulk_create(new, batch_size=500)
        ProjectUpdate.objects.bulk_create(
            [
                ProjectUpdate(project=p, kind=ProjectUpdate.Kind.ENTERED, author=user)
                for p in created
            ],
            batch_size=500,
        )
        result.created = len(created)
        details = {"file": filename[:200], **result.__dict__}
        audit_log(actor=user, action="realized.projects_import", target=None, details=details)
        record_event(
            kind="realized.projects_import",
            subject=("realized.registry", "import"),
            actor=user,
            payload=details,
        )
    return result


def _existing(rows) -> dict:
    """The projects already registered under the rows' keys, by key, locked."""
    years = {row["year"] for _line, row in rows}
    municipalities = {row["municipality"].pk for _line, row in rows}
    found = (
        Project.objects.select_for_update()
        .filter(year__in=years, municipality_id__in=municipalities)
        .only("pk", "name", "municipality_id", "year", *FIELDS)
    )
    return {(p.municipality_id, p.year, p.name.lower()): p for p in found}
