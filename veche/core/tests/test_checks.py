"""The system check for the vendored front-end files: without `npm ci`, `check` fails."""

import re
from pathlib import Path

from django.core import checks

from veche.core.checks import VENDORED_STATIC_FILES, vendored_static_files

VECHE = Path(__file__).resolve().parents[2]


def test_all_present_no_message():
    assert vendored_static_files(None) == []


def test_missing_files_are_an_error_in_production(settings, tmp_path):
    # As after a deployment without `npm ci`: the packages' folders are there but empty.
    settings.STATICFILES_DIRS = [
        (prefix, tmp_path)
        for prefix in ("vendor/htmx", "vendor/leaflet", "vendor/leaflet.markercluster")
    ]
    settings.DEBUG = False
    [error] = vendored_static_files(None)
    assert error.level == checks.ERROR and error.id == "core.E001"
    assert "vendor/htmx/htmx.min.js" in error.msg and "npm ci" in error.hint
    # The registered check is the one `manage.py check` runs.
    assert any(m.id == "core.E001" for m in checks.run_checks(tags=[checks.Tags.staticfiles]))


def test_one_missing_file_is_named_and_only_a_warning_in_development(settings, tmp_path):
    (tmp_path / "htmx.min.js").write_text("")
    settings.STATICFILES_DIRS = [
        *[d for d in settings.STATICFILES_DIRS if d[0] != "vendor/htmx"],
        ("vendor/htmx", tmp_path),
    ]
    assert vendored_static_files(None) == []
    (tmp_path / "htmx.min.js").unlink()
    settings.DEBUG = True
    [warning] = vendored_static_files(None)
    assert warning.level == checks.WARNING
    assert warning.msg.endswith(": vendor/htmx/htmx.min.js")


def test_the_list_names_every_vendored_file_a_template_uses():
    used = set()
    for template in VECHE.rglob("templates/**/*.html"):
        used |= set(re.findall(r"""\{% static ['"](vendor/[^'"]+)['"]""", template.read_text()))
    assert used and used <= set(VENDORED_STATIC_FILES)
