"""Open311 GeoReport v2 output: XML with the specification's element names, and JSON in the
"Spark convention" (lists are bare arrays, a definition or discovery document is an object).

Every string leaves through `xml_safe`: a character XML 1.0 cannot carry (a control character, a
lone surrogate) in one old row would otherwise make the whole list unreadable, and a lone
surrogate cannot even be encoded as UTF-8 for JSON."""

import json
from xml.sax.saxutils import escape

from django.http import HttpResponse

from veche.core.text import xml_safe

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
# The element each list item is wrapped in, by the list's element name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
    "photos": "photo",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(xml_safe(str(value)))


def _safe(value):
    """The payload with every string made safe, for JSON."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {key: _safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_safe(item) for item in value]
    return value


def _xml(name: str, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return f"<{name}/>"
    if isinstance(value, dict):
        inner = "".join(_xml(key, item) for key, item in value.items())
        return f"<{name}>{inner}</{name}>"
    if isinstance(value, list):
        item_name = ITEM_NAMES.get(name, "item")
        return f"<{name}>{''.join(_xml(item_name, item) for item in value)}</{name}>"
    return f"<{name}>{_text(value)}</{name}>"


def render(fmt: str, root: str, payload, status: int = 200) -> HttpResponse:
    """`root` names the XML document element (e.g. "services"); JSON is the payload itself."""
    if fmt == "json":
        body = json.dumps(_safe(payload), ensure_ascii=False)
        return HttpResponse(body, status=status, content_type=JSON_TYPE)
    body = '<?xml version="1.0" encoding="utf-8"?>' + _xml(root, payload)
    return HttpResponse(body, status=status, content_type=XML_TYPE)


def error(fmt: str, status: int, description: str, code: int | None = None) -> HttpResponse:
    return render(fmt, "errors", [{"code": code or status, "description": description}], status)
