"""The one way a module exports rows as CSV or XLSX: in constant memory, and never a broken file.

    from veche.core.exports import export_response

    return export_response(
        filename="poll-12-ballots",            # without the extension
        columns=[_("Voter"), _("Voted at")],    # the header row
        rows=(row(b) for b in ballots.iterator(chunk_size=2000)),   # any iterable of sequences
        fmt="xlsx",                             # or "csv"
        sheet_title=_("Ballots"),
    )

How it holds memory down: rows are consumed one at a time (pass an iterator, e.g. a queryset's
`.iterator(chunk_size=…)`, not a list) and written into an anonymous temporary file on disk —
XLSX by openpyxl's `write_only` workbook, CSV by `csv.writer` — and the answer is a
`FileResponse` that streams that file. The file has no name on disk and disappears when the
response closes it (or at once, on failure).

Why not stream straight to the client: once the first bytes are sent the status is 200, so an
error in the tenth thousand row would leave the reader with a truncated file that looks whole.
Here the whole file is written first; any exception raised while producing rows propagates (the
view answers 500, a script fails) and nothing is served.

Values: aware moments become the portal's local time (Excel has no time zones), None an empty
cell, lazy translations text; characters XML cannot carry are dropped (`core.text.xml_safe`);
text that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a
leading apostrophe (OWASP's CSV injection advice), so a resident's text can never compute.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone

from .text import xml_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}
FORMATS = tuple(CONTENT_TYPES)

# Text starting with one of these is a formula to a spreadsheet program.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on a sheet's name.
_SHEET_TITLE_MAX = 31


def export_response(
    request: HttpRequest | None = None,
    /,
    *,
    filename: str,
    columns: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    fmt: str,
    sheet_title: str = "",
) -> FileResponse:
    """The rows as a download `<filename>.<fmt>` (fmt "csv" or "xlsx"), written to disk first.
    Raises whatever producing the rows raises (no response is made); ValueError for an unknown
    fmt. `request` may be passed (or None) and is not used yet: the signature leaves room for
    per-request choices (a language, a delimiter) without changing every caller."""
    body = export_file(columns=columns, rows=rows, fmt=fmt, sheet_title=sheet_title)
    return FileResponse(
        body, as_attachment=True, filename=f"{filename}.{fmt}", content_type=CONTENT_TYPES[fmt]
    )


def export_file(
    *, columns: Sequence[Any], rows: Iterable[Sequence[Any]], fmt: str, sheet_title: str = ""
) -> IO[bytes]:
    """The rows written into an anonymous temporary file, returned open at its start (the
    caller closes it; closing deletes it). On any failure the file is closed and the error
    raised."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {FORMATS}")
    target = tempfile.TemporaryFile()
    try:
        if fmt == "csv":
            _write_csv(target, columns, rows)
        else:
            _write_xlsx(target, columns, rows, sheet_title)
        target.seek(0)
    except BaseException:
        target.close()
        raise
    return target


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: numbers, dates and booleans as they are, the rest text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    text = xml_safe(str(value))  # a lazy translation (Promise) becomes its text too
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_cell(value: Any) -> Any:
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def _write_csv(target: IO[bytes], columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    # utf-8-sig: a byte-order mark, so spreadsheet programs read the Cyrillic as UTF-8.
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([_csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    text.flush()
    text.detach()  # leave the binary file open for the response


def _write_xlsx(
    target: IO[bytes], columns: Sequence[Any], rows: Iterable[Sequence[Any]], sheet_title: str
) -> None:
    from openpyxl import Workbook  # loaded on the rare export, not in every worker's start

    # write_only: openpyxl keeps each row only until it is written (to its own temporary file).
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(sheet_title))
    try:
        sheet.append([cell(c) for c in columns])
        for row in rows:
            sheet.append([cell(value) for value in row])
    except BaseException:
        _discard(sheet)
        raise
    book.save(target)


def _discard(sheet) -> None:
    """Remove the named temporary file openpyxl writes a write-only sheet's rows to: it deletes
    it only when the book is saved (or at exit), and a worker lives long. Private openpyxl API
    (3.1: the sheet's `_writer`), hence the guard."""
    try:
        sheet.close()
        sheet._writer.cleanup()
    except Exception:  # noqa: BLE001 — best effort; the rows' own error is what matters
        pass


def _sheet_title(title: Any) -> str:
    # Excel forbids these characters in a sheet's name.
    cleaned = "".join(ch for ch in str(title or "Sheet") if ch not in "[]:*?/\\")
    return cleaned[:_SHEET_TITLE_MAX] or "Sheet"
