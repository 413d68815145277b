"""The reports' part of the home page (registered with core/home.py from ReportsConfig.ready()):
the headline figures (figures.py, cached), the latest published reports with a photo each, and
the map of reports. A constant number of queries: the figures (cached), the reports, their
photos, the region's bounds."""

from django.http import HttpRequest
from django.urls import reverse

from veche.territory.maps import map_settings, place_bounds

from ..figures import Period, headline_figures
from ..selectors import latest_published
from .public import map_labels

LATEST = 6


def home_context(request: HttpRequest) -> dict:
    return {
        "month": headline_figures(period=Period.this_month()),
        "year": headline_figures(period=Period.last_year()),
        "latest": latest_published(LATEST),
        "geojson_url": reverse("reports:map_geojson"),
        "bounds": place_bounds(None),
        "map": map_settings(),
        "map_labels": map_labels(),
    }
