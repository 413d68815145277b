"""The open-data registry: every app that publishes a dataset registers it here (from its
AppConfig.ready), and `veche.opendata` writes the files and the catalogue (docs/opendata.md).
It lives in core, the lowest layer, so any app — infrastructure objects, analytics' ratings —
can register without importing the top-layer opendata app."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A point is published on a grid of about 100 m: 0.001° of latitude is 111 m; 0.002° of
# longitude is 108 m at 61° N (Yugra), 111 m at 60° N.
LAT_STEP = 0.001
LON_STEP = 0.002


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # integer, number, string, date, datetime, boolean
    meaning: str  # a lazy translated string


@dataclass(frozen=True)
class Dataset:
    """`rows` gives dicts keyed by the columns' names: public facts only, never a person's name,
    contact, text or exact point. `point` names the (lat, lon) columns for GeoJSON."""

    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict]]
    point: tuple[str, str] | None = None
    order: int = 100


_DATASETS: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    _DATASETS[dataset.slug] = dataset


def datasets() -> list[Dataset]:
    return sorted(_DATASETS.values(), key=lambda d: (d.order, d.slug))


def dataset(slug: str) -> Dataset | None:
    return _DATASETS.get(slug)


def coarse_point(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """The point snapped to the ~100 m grid (None stays None)."""
    if lat is None or lon is None:
        return None, None
    return round(round(lat / LAT_STEP) * LAT_STEP, 3), round(round(lon / LON_STEP) * LON_STEP, 3)
