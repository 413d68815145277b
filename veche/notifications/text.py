"""Words stored as message ids with parameters and rendered in the reader's language — the way
reports' timeline stores the system's words (TimelineEntry.message/params).

A *spec* is JSON:
- a plain string: what a person wrote, kept as written and never translated;
- {"msgid": …, "params": {…}}: translated when shown; a parameter is a value or a spec itself
  (a status name is translated too);
- {"msgid": …, "plural": …, "number": "count", "params": {…}}: a plural form, chosen by the
  parameter named in "number";
- {"date": "2025-03-11"}: a date in the reader's format;
- {"join": " · ", "parts": [spec, …]}: parts in one line.

The msgids must be in some app's catalogue: mark them with gettext_noop / ngettext_lazy where the
message is made (the domain app that owns the words).
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise

from veche.core.formats import local_date

Spec = str | dict[str, Any]


def msg(msgid: str | Promise, **params: Any) -> dict:
    """A message; `msgid` is a gettext_noop string or a gettext_lazy label (e.g. a status)."""
    spec: dict[str, Any] = {"msgid": msgid_of(msgid)}
    if params:
        spec["params"] = {key: _param(value) for key, value in params.items()}
    return spec


def plural(lazy: Promise, **params: Any) -> dict:
    """A plural message from ngettext_lazy(singular, plural, "<number key>")."""
    _unpickle, (_func, _resultclass, number, forms) = lazy.__reduce__()
    if not isinstance(number, str):
        raise TypeError('Give ngettext_lazy the name of the number, e.g. "count".')
    spec = msg(forms["singular"], **params)
    spec.update(plural=forms["plural"], number=number)
    return spec


def day(value: date | datetime | None) -> dict | str:
    """A date (a moment becomes its local day), shown in the reader's format."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return {"date": value.isoformat()}


def join(*parts: Spec, sep: str = " · ") -> dict:
    return {"join": sep, "parts": [part for part in parts if part]}


def msgid_of(text: str | Promise) -> str:
    """The msgid of a lazy translation (the text with no language active), or the text."""
    if isinstance(text, Promise):
        with translation.override(None):
            return str(text)
    return text


def _param(value: Any) -> Any:
    if isinstance(value, Promise):
        return {"msgid": msgid_of(value)}
    if isinstance(value, date | datetime):
        return day(value)
    return value


def render(spec: Spec | None) -> str:
    """The spec in the active language."""
    if spec is None:
        return ""
    if not isinstance(spec, dict):
        return str(spec)
    if "date" in spec:
        return local_date(date.fromisoformat(spec["date"]))
    if "join" in spec:
        return spec["join"].join(render(part) for part in spec.get("parts", []))
    params = {key: _rendered(value) for key, value in (spec.get("params") or {}).items()}
    if "plural" in spec:
        number = params.get(spec.get("number"), 0)
        text = translation.ngettext(spec["msgid"], spec["plural"], int(number))
    else:
        text = translation.gettext(spec["msgid"])
    if not params:
        return text
    try:
        return text % params
    except (KeyError, TypeError, ValueError):  # a stored message that lost a parameter
        return text


def _rendered(value: Any) -> Any:
    return render(value) if isinstance(value, dict) else value


def render_lines(specs: Iterable[Spec]) -> str:
    return "\n".join(render(spec) for spec in specs)


@contextmanager
def language(code: str | None):
    """Render in `code` (one of settings.LANGUAGES), or in the portal's language."""
    known = {lang for lang, _name in settings.LANGUAGES}
    with translation.override(code if code in known else settings.LANGUAGE_CODE):
        yield
