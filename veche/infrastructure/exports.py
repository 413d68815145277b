"""The registry as open data: CSV, XLSX (through `core.exports`) and GeoJSON, filtered like the
list. Only the objects' public facts: no author, no staff member, nothing personal."""

import json
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

from .selectors import Filters, facilities

EXPORT_FIELDS = (
    "source_id",
    "name",
    "address",
    "category__name",
    "municipality__name",
    "programme",
    "year",
    "work_type",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "contractor",
    "agency__name",
    "budget_planned",
    "budget_spent",
    "progress",
    "lat",
    "lon",
)


def columns() -> list[str]:
    return [
        _("Id"),
        _("Object's page"),
        _("Name"),
        _("Address"),
        _("Category"),
        _("Municipality"),
        _("Programme"),
        _("Year"),
        _("Work type"),
        _("Status"),
        _("Planned start"),
        _("Planned end"),
        _("Actual start"),
        _("Actual end"),
        _("Contractor"),
        _("Responsible agency"),
        _("Budget planned, ₽"),
        _("Spent, ₽"),
        _("Progress, %"),
        _("Latitude"),
        _("Longitude"),
    ]


def _values(filters: Filters):
    return (
        facilities(filters)
        .order_by("pk")
        .values_list("pk", *EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )


def rows(filters: Filters) -> Iterator[list]:
    site = settings.SITE_URL.rstrip("/")
    for pk, source_id, *rest in _values(filters):
        yield [source_id, f"{site}/objects/{pk}/", *rest]


def geojson_chunks(filters: Filters) -> Iterator[str]:
    """A FeatureCollection written object by object (22,000 objects never sit in memory)."""
    yield '{"type":"FeatureCollection","features":['
    found = (
        facilities(filters)
        .order_by("pk")
        .values_list("pk", "geometry", *EXPORT_FIELDS)
        .iterator(chunk_size=1000)
    )
    keys = [field.replace("__name", "") for field in EXPORT_FIELDS]
    for index, (pk, geometry, *values) in enumerate(found):
        properties = {"id": pk, **dict(zip(keys, values, strict=True))}
        feature = {"type": "Feature", "geometry": geometry, "properties": properties}
        yield ("," if index else "") + json.dumps(
            feature, ensure_ascii=False, default=str, separators=(",", ":")
        )
    yield "]}"
