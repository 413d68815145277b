"""System checks of the platform.

The vendored front-end files (npm packages served from node_modules, see STATICFILES_DIRS) are
referenced by the base templates; without `npm ci` the manifest storage of production cannot name
them and every page answers 500 — so a deployment missing them must fail `manage.py check`.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks

# Each file a template names with {% static 'vendor/…' %} (a test keeps this list complete).
VENDORED_STATIC_FILES = (
    "vendor/htmx/htmx.min.js",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
)


@checks.register(checks.Tags.staticfiles)
def vendored_static_files(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Error outside DEBUG (every page would fail); a warning in development, where the pages
    still render and only their scripts are missing."""
    missing = [path for path in VENDORED_STATIC_FILES if not finders.find(path)]
    if not missing:
        return []
    level = checks.Warning if settings.DEBUG else checks.Error
    return [
        level(
            "Front-end files are missing from the static files: " + ", ".join(missing),
            hint="Run `npm ci` in the project root (package.json), then `collectstatic`.",
            id="core.E001" if level is checks.Error else "core.W001",
        )
    ]
