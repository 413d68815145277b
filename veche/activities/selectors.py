"""Reads of the catalogue: programmes filtered as a parent asks (the child's age, municipality,
direction, free only, near a point), with their organization; one query for a list."""

import math
from dataclasses import dataclass

from django.db.models import QuerySet

from veche.territory.models import Municipality

from .models import Programme

EARTH_KM = 6371.0


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    km: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def programmes(
    *,
    age: int | None = None,
    municipality: int | None = None,
    direction: str = "",
    free: bool = False,
    near: Near | None = None,
) -> QuerySet[Programme]:
    found = Programme.objects.select_related("organization__municipality")
    if age is not None:
        found = found.filter(age_from__lte=age, age_to__gte=age)
    if municipality:
        found = found.filter(organization__municipality_id=municipality)
    if direction:
        found = found.filter(direction=direction)
    if free:
        found = found.filter(price__isnull=True)
    if near is not None:
        # A box around the point in SQL; the exact distance is measured in Python (`nearest`).
        dlat = near.km / 111.0
        dlon = near.km / (111.0 * max(math.cos(math.radians(near.lat)), 0.01))
        found = found.filter(
            organization__lat__range=(near.lat - dlat, near.lat + dlat),
            organization__lon__range=(near.lon - dlon, near.lon + dlon),
        )
    return found.order_by("title", "pk")


def nearest(found, near: Near) -> list[Programme]:
    """The programmes within `near.km` of the point, nearest first, each with `distance_km`."""
    kept = []
    for programme in found:
        org = programme.organization
        programme.distance_km = distance_km(near.lat, near.lon, org.lat, org.lon)
        if programme.distance_km <= near.km:
            kept.append(programme)
    return sorted(kept, key=lambda p: (p.distance_km, p.title))


def municipalities() -> QuerySet[Municipality]:
    """The municipalities that have programmes (the filter's choices)."""
    return Municipality.objects.filter(activity_organizations__programmes__isnull=False).distinct()


def programme_detail(pk: int) -> Programme:
    return Programme.objects.select_related("organization__municipality").get(pk=pk)


def map_points(found) -> list[dict]:
    """One point per organization of the programmes found (those with a point)."""
    points: dict[int, dict] = {}
    for programme in found:
        org = programme.organization
        if not org.has_point:
            continue
        point = points.setdefault(
            org.pk, {"name": org.name, "lat": org.lat, "lon": org.lon, "programmes": []}
        )
        point["programmes"].append({"title": programme.title, "url": programme.get_absolute_url()})
    return list(points.values())
