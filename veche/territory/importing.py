"""Import of real boundaries from a GeoJSON FeatureCollection (e.g. OpenStreetMap administrative
boundaries exported by osmium or Overpass) onto the municipalities or settlements already known.

Features are matched by normalized name; the whole import runs in one transaction, so a broken
file changes nothing.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import geometry, selectors, services
from .models import Region, Settlement
from .validators import BOUNDARY_TYPES, validate_boundary

MUNICIPALITY = "municipality"
SETTLEMENT = "settlement"
NAME_KEYS = ("name:ru", "name", "official_name", "short_name", "alt_name")

# Words that say what kind of place it is rather than which one.
_STATUS_WORDS = {
    "муниципальное", "образование", "мо", "городской", "муниципальный", "округ", "район",
    "город", "г", "городское", "сельское", "поселение", "поселок", "пгт", "рп", "п", "село",
    "с", "деревня", "д", "городского", "типа", "сп", "гп",
}  # fmt: skip
_REGION_TAIL = re.compile(r"\s+ханты-мансийского автономного округа.*$")
# OSM `place` → Settlement.kind; in Russia place=town is a small city.
_PLACE_KINDS = {"city": "city", "town": "city", "village": "village", "hamlet": "village"}


class BoundaryFileError(Exception):
    """The file cannot be imported; the message says why, in the user's language."""


@dataclass
class ImportReport:
    updated: list[tuple[str, str]] = field(default_factory=list)  # (feature name, place)
    created: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)


def normalize_name(name: str) -> str:
    """'Городской округ г. Сургут' → 'сургут'; 'Берёзовский район' → 'березовский'."""
    name = name.casefold().replace("ё", "е")
    name = re.sub(r"[–—‐]", "-", name)
    name = re.sub(r"[«»\"'“”„()]", " ", name)
    name = _REGION_TAIL.sub("", name.replace(".", ". "))
    words = [w.strip(".,") for w in name.split()]
    return " ".join(w for w in words if w and w not in _STATUS_WORDS)


def read_features(path: str | Path) -> list[dict]:
    """The features of a GeoJSON FeatureCollection file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as e:
        message = _("Cannot read %(path)s: %(error)s") % {"path": path, "error": e.strerror}
        raise BoundaryFileError(message) from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        message = _("%(path)s is not a JSON file: %(error)s") % {"path": path, "error": e}
        raise BoundaryFileError(message) from e
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryFileError(_("%(path)s is not a GeoJSON FeatureCollection.") % {"path": path})
    features = data.get("features")
    if not isinstance(features, list):
        raise BoundaryFileError(_("%(path)s is not a GeoJSON FeatureCollection.") % {"path": path})
    if not all(isinstance(f, dict) for f in features):
        raise BoundaryFileError(_("Every feature in %(path)s must be an object.") % {"path": path})
    return features


def feature_names(feature: dict) -> list[str]:
    properties = feature.get("properties") or {}
    return [str(properties[k]) for k in NAME_KEYS if properties.get(k)]


def _label(feature: dict, number: int) -> str:
    names = feature_names(feature)
    return names[0] if names else _("feature No. %(number)s") % {"number": number}


def _checked_geometry(feature: dict, number: int, report: ImportReport) -> dict | None:
    """The feature's geometry, None (reported) when it is not an area, an error when broken."""
    geom = feature.get("geometry") or {}
    if geom.get("type") not in BOUNDARY_TYPES:
        report.skipped.append(
            _("«%(name)s»: geometry %(type)s is not a Polygon or MultiPolygon.")
            % {"name": _label(feature, number), "type": geom.get("type") or _("none")}
        )
        return None
    try:
        validate_boundary(geom)
    except ValidationError as e:
        raise BoundaryFileError(
            _("Feature No. %(number)s «%(name)s» has a broken geometry: %(error)s")
            % {"number": number, "name": _label(feature, number), "error": " ".join(e.messages)}
        ) from e
    return {"type": geom["type"], "coordinates": geom["coordinates"]}


class _Import:
    """One import run: the places of one level of a region, indexed by normalized name."""

    def __init__(self, *, region: Region, level: str, create: bool):
        self.region, self.level, self.create = region, level, create
        if level == MUNICIPALITY:
            places = list(region.municipalities.all())
        else:
            places = list(
                Settlement.objects.filter(municipality__region=region).select_related(
                    "municipality"
                )
            )
        self.places = places
        self.index: dict[str, list] = {}
        for place in places:
            self.index.setdefault(normalize_name(place.name), []).append(place)
        self.done: set[int] = set()
        self.report = ImportReport()

    def _candidates(self, feature: dict) -> list:
        for name in feature_names(feature):
            if found := self.index.get(normalize_name(name)):
                return found
        return []

    @staticmethod
    def _pick(candidates: list, geom: dict):
        """The one candidate, or the one whose centre lies inside the feature; else None."""
        if len(candidates) == 1:
            return candidates[0]
        inside = [c for c in candidates if geometry.contains(geom, c.centre_lat, c.centre_lon)]
        return inside[0] if len(inside) == 1 else None

    def apply(self, feature: dict, number: int, geom: dict) -> None:
        label = _label(feature, number)
        candidates = self._candidates(feature)
        if not candidates:
            if self.create and self.level == SETTLEMENT:
                self._create(feature, label, geom)
            else:
                self.report.skipped.append(
                    _("«%(name)s»: no place of that name in %(region)s.")
                    % {"name": label, "region": self.region}
                )
            return
        place = self._pick(candidates, geom)
        if place is None:
            self.report.skipped.append(
                _("«%(name)s»: several places have that name and none lies clearly inside it.")
                % {"name": label}
            )
        elif place.pk in self.done:
            self.report.skipped.append(
                _("«%(name)s»: %(place)s already got its boundary from an earlier feature.")
                % {"name": label, "place": place}
            )
        else:
            services.boundary_set(place=place, boundary=geom)
            self.done.add(place.pk)
            self.report.updated.append((label, str(place)))
            if not geometry.contains(geom, place.centre_lat, place.centre_lon):
                self.report.warnings.append(
                    _("%(place)s: its centre lies outside the new boundary.") % {"place": place}
                )

    def _create(self, feature: dict, label: str, geom: dict) -> None:
        lat, lon = geometry.interior_point(geom)
        municipality = selectors.resolve_point(lat=lat, lon=lon, region=self.region).municipality
        if municipality is None:
            self.report.skipped.append(
                _("«%(name)s»: lies outside every municipality of %(region)s.")
                % {"name": label, "region": self.region}
            )
            return
        properties = feature.get("properties") or {}
        population = str(properties.get("population", "")).strip()
        settlement = services.settlement_create(
            municipality=municipality,
            name=label,
            kind=_PLACE_KINDS.get(properties.get("place"), Settlement.Kind.VILLAGE),
            centre_lat=lat,
            centre_lon=lon,
            boundary=geom,
            population=int(population) if population.isdigit() else None,
        )
        self.index[normalize_name(label)] = [settlement]
        self.done.add(settlement.pk)
        self.report.created.append((label, str(settlement)))


def import_boundaries(
    *,
    features: list[dict],
    region: Region,
    level: str = MUNICIPALITY,
    create: bool = False,
    dry_run: bool = False,
    admin_level: str | None = None,
) -> ImportReport:
    """Set the boundaries of the region's municipalities (or settlements) from the features.

    With `create`, a settlement feature that matches no settlement creates one in the
    municipality containing it. With `dry_run`, the report is made but nothing is saved.
    Raises BoundaryFileError (and saves nothing) when a feature's geometry is broken.
    """
    with transaction.atomic():
        run = _Import(region=region, level=level, create=create)
        for number, feature in enumerate(features, start=1):
            level_found = str((feature.get("properties") or {}).get("admin_level", ""))
            if admin_level and level_found != admin_level:
                run.report.skipped.append(
                    _("«%(name)s»: admin_level %(found)s, not %(wanted)s.")
                    % {
                        "name": _label(feature, number),
                        "found": level_found or "—",
                        "wanted": admin_level,
                    }
                )
                continue
            geom = _checked_geometry(feature, number, run.report)
            if geom is None:
                continue
            try:
                run.apply(feature, number, geom)
            except ValidationError as e:
                raise BoundaryFileError(
                    _("Feature No. %(number)s «%(name)s»: %(error)s")
                    % {
                        "number": number,
                        "name": _label(feature, number),
                        "error": " ".join(e.messages),
                    }
                ) from e
        run.report.not_in_file = sorted(
            (str(p) for p in run.places if p.pk not in run.done), key=selectors.collation_key
        )
        if dry_run:
            transaction.set_rollback(True)
    return run.report
