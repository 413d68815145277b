"""The drawn heat map: the busiest H3 hexagons of the period (resolution 6, `services.cell_of`)
as polygons coloured in five classes, and the legend those classes make. Only cells are drawn,
never a report's point; the same cells are the page's table (the map's accessible alternative).
"""

import json

import h3
from django.utils.translation import get_language, ngettext

from .selectors import Scope, cells, generational, ngo_cells

# From pale to dark; each has a contrast of 3:1 or more against the next-but-one (WCAG 1.4.11
# asks it of the legend's swatches, which carry their numbers in text as well).
COLOURS = ("#fde0c5", "#facba6", "#f59e72", "#e4624b", "#b2182b")
MAP_LIMIT = 1000
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def breaks(counts: list[int]) -> list[int]:
    """Upper bounds of up to five classes: quantiles of the cells' counts, distinct and rising."""
    ordered = sorted(counts)
    if not ordered:
        return []
    bounds = []
    for k in range(1, len(COLOURS) + 1):
        bound = ordered[min(len(ordered) - 1, -(-k * len(ordered) // len(COLOURS)) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def _class(n: int, bounds: list[int]) -> int:
    return next(i for i, bound in enumerate(bounds) if n <= bound)


def _reports(n: int) -> str:
    return ngettext("%(count)s report", "%(count)s reports", n) % {"count": n}


def _ngos(n: int) -> str:
    return ngettext("%(count)s NGO", "%(count)s NGOs", n) % {"count": n}


def hexagons(cells: list[tuple[str, float, float, int]], tooltip=_reports) -> dict:
    """What heatmap.js draws and the legend the page prints: {"cells": [{"b": boundary,
    "n": count, "c": colour, "t": tooltip}], "legend": [(class, text)]}; analytics.css
    colours the classes `heat-0…4` as COLOURS (the page's CSP forbids inline styles).
    `tooltip(n)` words a count (reports by default)."""
    bounds = breaks([n for *_rest, n in cells])
    tooltips: dict[int, str] = {}  # a translation per distinct count, not per cell
    for *_rest, n in cells:
        if n not in tooltips:
            tooltips[n] = tooltip(n)
    shown = [
        {
            "b": [[round(lat, 5), round(lon, 5)] for lat, lon in h3.cell_to_boundary(cell)],
            "n": n,
            "c": COLOURS[_class(n, bounds)],
            "t": tooltips[n],
        }
        for cell, _lat, _lon, n in cells
    ]
    legend, low = [], 1
    for i, bound in enumerate(bounds):
        text = str(bound) if low == bound else f"{low}–{bound}"
        legend.append((i, text))
        low = bound + 1
    return {"cells": shown, "legend": legend}


def map_json(scope: Scope, first, last) -> tuple[str, list]:
    """(the map's cells as JSON, escaped for a <script> element; its legend) of the period's
    busiest MAP_LIMIT cells, cached with the figures (per language: the tooltips are words)."""
    return _map_json(scope, first, last, get_language())


@generational
def _map_json(scope: Scope, first, last, language: str) -> tuple[str, list]:
    return _drawn(hexagons(cells(scope, first, last, limit=MAP_LIMIT)))


def ngo_map_json(scope: Scope, last) -> tuple[str, list]:
    """The NGO sector's map as `map_json`: NGOs per hexagon (selectors.ngo_cells)."""
    return _ngo_map_json(scope, last, get_language())


@generational
def _ngo_map_json(scope: Scope, last, language: str) -> tuple[str, list]:
    return _drawn(hexagons(ngo_cells(scope, last), tooltip=_ngos))


def _drawn(heat: dict) -> tuple[str, list]:
    # Escaped as `json_script` does, so the page may put it inside <script> as it is.
    text = json.dumps(heat["cells"], separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return text, heat["legend"]
