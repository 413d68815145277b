"""Writes of the catalogue: the import of organizations and programmes from CSV or XLSX.

- The first row names the columns (`COLUMNS`: an English code or its Russian heading, any case);
  one row per programme, with its organization's columns.
- An organization is found by (municipality, name), a programme by (organization, title), names
  compared case-insensitively: a new key creates, a known one updates the fields that differ, an
  identical row changes nothing — importing the same file twice changes nothing.
- Every bad row is reported with its line number (the header is line 1) and nothing is written
  unless every row is good (veche/core/tables.py, shared with the realized projects' import).
- A municipal admin imports rows of his municipalities only; another municipality's row is bad.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from veche.core import tables
from veche.core.tables import ImportRefused
from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.territory.models import Municipality

from . import rules
from .models import MAX_AGE, Direction, Organization, Programme

__all__ = ["COLUMNS", "REQUIRED", "ImportRefused", "ImportResult", "catalogue_import"]

MAX_ROWS = 5000
COLUMNS = {
    "organization": ("organization", "организация"),
    "municipality": ("municipality", "муниципальное образование"),
    "address": ("address", "адрес"),
    "lat": ("lat", "широта"),
    "lon": ("lon", "долгота"),
    "phone": ("phone", "телефон"),
    "email": ("email", "электронная почта"),
    "website": ("website", "сайт"),
    "programme": ("programme", "программа"),
    "direction": ("direction", "направление"),
    "age_from": ("age_from", "возраст от"),
    "age_to": ("age_to", "возраст до"),
    "price": ("price", "стоимость в месяц"),
    "schedule": ("schedule", "расписание"),
    "description": ("description", "описание"),
}
REQUIRED = ("organization", "municipality", "programme", "direction", "age_from", "age_to")
ORGANIZATION_FIELDS = ("address", "lat", "lon", "phone", "email", "website")
PROGRAMME_FIELDS = ("direction", "age_from", "age_to", "price", "schedule", "description")
NOT_KEEPER = _("Only municipal and regional administrators keep the catalogue.")


@dataclass
class ImportResult:
    organizations_created: int = 0
    organizations_updated: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _age(value, label: str) -> int:
    raw = tables.text(value)
    if not raw.isdigit() or int(raw) > MAX_AGE:
        raise ValueError(
            _("%(column)s must be a whole number of years from 0 to %(max)d: «%(value)s».")
            % {"column": label, "value": raw, "max": MAX_AGE}
        )
    return int(raw)


def _price(value) -> Decimal | None:
    raw = tables.text(value).replace(" ", "").replace(",", ".")
    if raw.lower() in ("", "0", "бесплатно", "free"):
        return None
    try:
        price = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("The price is not an amount: «%s».") % raw) from None
    if not price.is_finite() or price < 0 or price >= Decimal("1e7"):
        raise ValueError(_("The price must be from 0 to 9,999,999 roubles: «%s».") % raw)
    return None if price == 0 else price.quantize(Decimal("0.01"))


def _parse_row(cells, positions, municipalities, scope) -> tuple[dict, dict]:
    def cell(code):
        index = positions.get(code)
        return cells[index] if index is not None and index < len(cells) else None

    municipality = municipalities.get(tables.text(cell("municipality")).lower())
    if municipality is None:
        raise ValueError(_("Unknown municipality: «%s».") % tables.text(cell("municipality")))
    if scope is not None and municipality.pk not in scope:
        raise ValueError(
            _("You do not keep the catalogue of %(municipality)s.")
            % {"municipality": municipality.name}
        )
    lat = tables.coordinate(cell("lat"), 90, _("Latitude"))
    lon = tables.coordinate(cell("lon"), 180, _("Longitude"))
    if (lat is None) != (lon is None):
        raise ValueError(_("Give both the latitude and the longitude, or neither."))
    organization = {
        "name": tables.text(cell("organization")),
        "municipality": municipality,
        "address": tables.text(cell("address")),
        "lat": lat,
        "lon": lon,
        "phone": tables.text(cell("phone")),
        "email": tables.text(cell("email")),
        "website": tables.text(cell("website")),
    }
    age_from = _age(cell("age_from"), _("From age"))
    age_to = _age(cell("age_to"), _("To age"))
    if age_from > age_to:
        raise ValueError(_("The age range ends before it starts."))
    programme = {
        "title": tables.text(cell("programme")),
        "direction": tables.choice(cell("direction"), Direction.choices, _("direction")),
        "age_from": age_from,
        "age_to": age_to,
        "price": _price(cell("price")),
        "schedule": tables.text(cell("schedule")),
        "description": tables.text(cell("description")),
    }
    _check(Organization(**organization), exclude=())
    _check(Programme(**programme), exclude=("organization",))
    return organization, programme


def _check(instance, *, exclude) -> None:
    """The model's own field checks (lengths, blank, e-mail, address), as one row's message."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = [
            f"{instance._meta.get_field(name).verbose_name}: {' '.join(texts)}"
            for name, texts in error.message_dict.items()
        ]
        raise ValueError(" ".join(messages)) from None


def parse_rows(table, *, scope) -> list[tuple[int, dict, dict]]:
    """Every data row checked; ImportRefused with every bad row when any is bad."""
    rows = tables.data_rows(table, max_rows=MAX_ROWS)
    positions = tables.header_positions(rows[0][1], COLUMNS, REQUIRED)
    municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
    good, errors = [], []
    organizations: dict[tuple, tuple[int, dict]] = {}
    programmes: dict[tuple, int] = {}
    for line, cells in rows[1:]:
        try:
            organization, programme = _parse_row(cells, positions, municipalities, scope)
        except ValueError as error:
            errors.append((line, str(error)))
            continue
        key = (organization["municipality"].pk, organization["name"].lower())
        first = organizations.setdefault(key, (line, organization))
        if first[1] != organization:
            errors.append(
                (line, _("The organization differs from line %(line)d.") % {"line": first[0]})
            )
            continue
        programme_key = (*key, programme["title"].lower())
        if programme_key in programmes:
            message = _("The same programme as on line %(line)d.")
            errors.append((line, message % {"line": programmes[programme_key]}))
            continue
        programmes[programme_key] = line
        good.append((line, organization, programme))
    if errors:
        raise ImportRefused(errors)
    return good


def _differs(instance, values: dict, fields) -> list[str]:
    return [name for name in fields if getattr(instance, name) != values[name]]


def catalogue_import(*, user, data: bytes, filename: str) -> ImportResult:
    """Import the file whole, or nothing (see the module's docstring)."""
    if not user.has_perm("activities.import_catalogue"):
        raise PermissionDenied(NOT_KEEPER)
    rows = parse_rows(tables.read_table(data, filename), scope=rules.kept_municipalities(user))
    result = ImportResult()
    with transaction.atomic():
        known = {
            (o.municipality_id, o.name.lower()): o
            for o in Organization.objects.select_for_update().filter(
                municipality_id__in={row[1]["municipality"].pk for row in rows}
            )
        }
        programmes: dict[int, dict[str, Programme]] = {}
        for _line, values, programme_values in rows:
            organization = _organization(known, values, result)
            if organization.pk not in programmes:
                programmes[organization.pk] = {
                    p.title.lower(): p for p in organization.programmes.select_for_update()
                }
            _programme(organization, programmes[organization.pk], programme_values, result)
        details = {"file": filename[:200], **asdict(result)}
        audit_log(actor=user, action="activities.catalogue_import", target=None, details=details)
        record_event(
            kind="activities.catalogue_import",
            subject=("activities.catalogue", "import"),
            actor=user,
            payload=details,
        )
    return result


def _organization(known: dict, values: dict, result: ImportResult) -> Organization:
    key = (values["municipality"].pk, values["name"].lower())
    organization = known.get(key)
    if organization is None:
        organization = Organization.objects.create(**values)
        known[key] = organization
        result.organizations_created += 1
    elif differs := _differs(organization, values, ORGANIZATION_FIELDS):
        for name in differs:
            setattr(organization, name, values[name])
        organization.save(update_fields=[*differs, "updated_at"])
        result.organizations_updated += 1
    return organization


def _programme(organization, existing: dict, values: dict, result: ImportResult) -> None:
    programme = existing.get(values["title"].lower())
    if programme is None:
        Programme.objects.create(organization=organization, **values)
        result.created += 1
    elif differs := _differs(programme, values, PROGRAMME_FIELDS):
        for name in differs:
            setattr(programme, name, values[name])
        programme.save(update_fields=[*differs, "updated_at"])
        result.updated += 1
    else:
        result.unchanged += 1
