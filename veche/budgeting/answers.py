"""An application's answers checked against the template version it is written on.

`clean_answers(version, raw, uploads, kept, complete=)` reads what a form or the API sent
(`raw`: key → text or list of texts; `uploads`: key → uploaded file; `kept`: keys whose file was
given before) and returns the answers to store, or raises one ValidationError whose keys are
`answer-<key>`, each message naming the field by its label («Стоимость проекта: …»). A draft is
saved with what is there (`complete=False`: required fields may wait, but nothing given may be
wrong); a submission needs every required field (`complete=True`). Files are checked here for
their type and size as the field allows, and cleaned by veche.media in the service."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from veche.core.formats import number
from veche.core.text import clean_text

from .models import FILE_TYPES, FieldKind, TemplateField, TemplateVersion

MAX_TEXT = 5000
MAX_LONG_TEXT = 20000
MB = 1024 * 1024
SIGNATURES = {"pdf": (b"%PDF-",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",)}


def error_key(key: str) -> str:
    return f"answer-{key}"


def _named(field: TemplateField, message: str) -> str:
    return _("%(label)s: %(problem)s") % {"label": field.label, "problem": message}


def _text(field: TemplateField, value) -> str:
    text = clean_text(str(value or "")).strip()
    limit = field.max_length or (MAX_LONG_TEXT if field.kind == FieldKind.LONG_TEXT else MAX_TEXT)
    if len(text) > limit:
        raise ValueError(_("at most %(max)d characters.") % {"max": limit})
    return text


def _number(field: TemplateField, value) -> str:
    text = str(value or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not text:
        return ""
    try:
        parsed = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("enter a number.")) from error
    if not parsed.is_finite():
        raise ValueError(_("enter a number."))
    if field.kind == FieldKind.NUMBER and parsed != parsed.to_integral_value():
        raise ValueError(_("enter a whole number."))
    if field.min_value is not None and parsed < field.min_value:
        raise ValueError(_("at least %(min)s.") % {"min": number(field.min_value)})
    if field.max_value is not None and parsed > field.max_value:
        raise ValueError(_("at most %(max)s.") % {"max": number(field.max_value)})
    return str(parsed)


def _date(field: TemplateField, value) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise ValueError(_("enter a date as YYYY-MM-DD.")) from error


def _choices(field: TemplateField, value):
    values = value if isinstance(value, list | tuple) else [value] if value else []
    values = [str(v) for v in values if str(v).strip()]
    if any(v not in field.choices for v in values):
        raise ValueError(_("choose from the list."))
    if field.kind == FieldKind.SINGLE_CHOICE:
        if len(values) > 1:
            raise ValueError(_("choose one."))
        return values[0] if values else ""
    return values


def _location(field: TemplateField, value) -> dict | str:
    """A point: {"lat": …, "lon": …} or "lat, lon"."""
    if isinstance(value, dict):
        lat, lon = value.get("lat"), value.get("lon")
    else:
        text = str(value or "").strip()
        if not text:
            return ""
        lat, _sep, lon = text.partition(",")
    try:
        lat, lon = float(str(lat).strip()), float(str(lon).strip())
    except (TypeError, ValueError) as error:
        raise ValueError(_("give the point as latitude and longitude.")) from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(_("give the point as latitude and longitude."))
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def check_file(field: TemplateField, upload: UploadedFile) -> None:
    """The file's type by its first bytes and its size, as the field allows."""
    allowed = field.accepted_types()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for t in allowed for sig in SIGNATURES[t]):
        names = ", ".join(t.upper() for t in allowed if t in FILE_TYPES)
        raise ValueError(
            _("«%(name)s» is not an allowed file: %(types)s.")
            % {"name": upload.name, "types": names}
        )
    if field.max_file_mb and upload.size > field.max_file_mb * MB:
        raise ValueError(
            _("«%(name)s» is too large: at most %(mb)d MB.")
            % {"name": upload.name, "mb": field.max_file_mb}
        )


READERS = {
    FieldKind.TEXT: _text,
    FieldKind.LONG_TEXT: _text,
    FieldKind.NUMBER: _number,
    FieldKind.MONEY: _number,
    FieldKind.DATE: _date,
    FieldKind.SINGLE_CHOICE: _choices,
    FieldKind.MULTIPLE_CHOICE: _choices,
    FieldKind.LOCATION: _location,
}


def clean_answers(
    version: TemplateVersion,
    raw: dict,
    uploads: dict[str, UploadedFile] | None = None,
    kept: set[str] | frozenset = frozenset(),
    *,
    complete: bool,
) -> dict:
    uploads = uploads or {}
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for field in version.fields.order_by("position"):
        try:
            if field.kind == FieldKind.FILE:
                if field.key in uploads:
                    check_file(field, uploads[field.key])
                given = field.key in uploads or field.key in kept
            else:
                value = READERS[field.kind](field, raw.get(field.key))
                if value not in ("", [], None):
                    cleaned[field.key] = value
                given = value not in ("", [], None)
            if complete and field.required and not given:
                raise ValueError(_("this field is required."))
        except ValueError as problem:
            errors[error_key(field.key)] = [_named(field, str(problem))]
    if errors:
        raise ValidationError(errors)
    return cleaned
