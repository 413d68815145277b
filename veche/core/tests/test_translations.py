"""Every Russian catalogue is complete and compiled, and English pages carry no Russian text: a
missing translation fails CI instead of reaching a resident."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

VECHE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(VECHE.glob("*/locale/ru/LC_MESSAGES/django.po"))
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _name(path: Path) -> str:
    return path.relative_to(VECHE).parts[0]


def _nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match, "the catalogue must declare Plural-Forms"
    return int(match.group(1))


def test_the_catalogues_are_found():
    assert VECHE / "core/locale/ru/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_catalogue_is_fully_translated(po_path):
    po = polib.pofile(str(po_path))
    nplurals = _nplurals(po)
    live = [entry for entry in po if not entry.obsolete]
    untranslated = [entry.msgid for entry in live if not entry.translated()]
    fuzzy = [entry.msgid for entry in live if "fuzzy" in entry.flags]
    assert untranslated == [], f"untranslated in {_name(po_path)}: {untranslated}"
    assert fuzzy == [], f"fuzzy in {_name(po_path)}: {fuzzy}"
    wrong_plurals = [
        entry.msgid for entry in live if entry.msgid_plural and len(entry.msgstr_plural) != nplurals
    ]
    assert wrong_plurals == [], f"need {nplurals} plural forms: {wrong_plurals}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_the_po_file(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages and commit it"
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    stale = []
    for entry in polib.pofile(str(po_path)).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        if found is None:
            stale.append(entry.msgid)
        elif entry.msgid_plural:
            if {int(k): v for k, v in found.msgstr_plural.items()} != {
                int(k): v for k, v in entry.msgstr_plural.items()
            }:
                stale.append(entry.msgid)
        elif found.msgstr != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], f"{mo_path} is out of date (run compilemessages): {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/admin/login/"])
def test_english_pages_have_no_russian_text(client, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(path).content.decode()
    assert '<html lang="en"' in html
    # Names from the settings are the region's own words, not the portal's text.
    configured = (settings.PORTAL_NAME, settings.REGION_NAME, settings.PORTAL_OPERATOR)
    for allowed in ("Русский", *configured):
        html = html.replace(allowed, "")
    leftovers = sorted({line.strip() for line in html.splitlines() if CYRILLIC.search(line)})
    assert leftovers == []


def test_a_msgid_means_the_same_in_every_catalogue():
    """At run time the catalogues merge and the first app in INSTALLED_APPS wins a msgid: a new
    app's bare "closed" («закрыт», of a voting point) once replaced the reports' «закрыто» on
    every report page. A word that means something else in another app takes a context
    (`pgettext`, `{% translate … context … %}`)."""
    found: dict[tuple, dict[str, str]] = {}
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                continue
            key = (entry.msgctxt, entry.msgid)
            found.setdefault(key, {})[_name(po_path)] = entry.msgstr
    differing = {key[1]: by_app for key, by_app in found.items() if len(set(by_app.values())) > 1}
    assert differing == {}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_the_apps_own_words_are_what_russian_pages_show(po_path):
    """Gettext merges every installed app's catalogue, an earlier app winning a shared msgid:
    Django's own catalogues once turned a model's «название» into «имя». Every translation an app
    ships must be the one gettext returns (and two apps must not disagree on a msgid)."""
    overridden = []
    with translation.override("ru"):
        for entry in polib.pofile(str(po_path)).translated_entries():
            if entry.msgid_plural:
                continue
            if entry.msgctxt:
                shown = translation.pgettext(entry.msgctxt, entry.msgid)
            else:
                shown = translation.gettext(entry.msgid)
            if shown != entry.msgstr:
                overridden.append((entry.msgid, entry.msgstr, shown))
    assert overridden == [], f"another catalogue wins in {_name(po_path)}: {overridden}"
