"""A deployment's territory from its folder `territory/data/<name>/territory.geojson`:
one FeatureCollection whose features say their `level` — the region (the deployment's area), its
municipalities and their settlements — with name, kind, population and centre ([lat, lon]) as
properties (docs/configuration.md). Idempotent: places are found by name and updated."""

import json
from pathlib import Path

from django.db import transaction

from .models import Municipality, Region, Settlement

DATA = Path(__file__).parent / "data"


def folder(name: str) -> Path:
    path = DATA / name
    if not (path / "portal.json").is_file():
        raise ValueError(f"There is no configuration {name!r} (no {path / 'portal.json'}).")
    return path


def configurations() -> list[str]:
    """The names of the configuration folders shipped with the code."""
    return sorted(p.parent.name for p in DATA.glob("*/portal.json"))


@transaction.atomic
def load_territory(name: str) -> Region:
    features = json.loads((folder(name) / "territory.geojson").read_text(encoding="utf-8"))
    by_level: dict[str, list[dict]] = {}
    for feature in features["features"]:
        by_level.setdefault(feature["properties"]["level"], []).append(feature)
    (region_feature,) = by_level["region"]
    props = region_feature["properties"]
    region, _ = Region.objects.update_or_create(
        slug=props["slug"],
        defaults={"name": props["name"], "timezone": props["timezone"], **_place(region_feature)},
    )
    municipalities = {}
    for feature in by_level.get("municipality", []):
        props = feature["properties"]
        municipalities[props["name"]], _ = Municipality.objects.update_or_create(
            region=region,
            name=props["name"],
            defaults={
                "slug": props["slug"],
                "kind": props["kind"],
                "admin_centre": props.get("admin_centre", ""),
                "population": props.get("population"),
                **_place(feature),
            },
        )
    for feature in by_level.get("settlement", []):
        props = feature["properties"]
        Settlement.objects.update_or_create(
            municipality=municipalities[props["municipality"]],
            name=props["name"],
            defaults={
                "kind": props["kind"],
                "population": props.get("population"),
                **_place(feature),
            },
        )
    return region


def _place(feature: dict) -> dict:
    lat, lon = feature["properties"]["centre"]
    return {"centre_lat": lat, "centre_lon": lon, "boundary": feature["geometry"]}
