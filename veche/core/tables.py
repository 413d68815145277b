"""Reading an uploaded table (CSV or XLSX) for an import that takes a whole file or nothing:
rows with their line numbers, the header by column codes or headings, and cell parsers whose
refusals name the column (docs/realized.md "Import", docs/activities.md "Import").

An import checks every row first and raises `ImportRefused` with every bad row's line number and
message; only a file without a bad row is written, in one transaction (the importer's own).
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


@dataclass
class ImportRefused(Exception):
    """The file's bad rows: (line, message) each; nothing was written."""

    errors: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{line}: {message}" for line, message in self.errors)


def read_table(data: bytes, filename: str) -> list[tuple[int, list]]:
    """(line number, cells) of every row of a CSV (UTF-8, with or without a byte-order mark;
    comma or semicolon) or XLSX file (its first sheet)."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    if filename.lower().endswith(".csv"):
        return _read_csv(data)
    raise ImportRefused([(0, _("Upload a CSV or XLSX file."))])


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([(0, _("The CSV file is not in UTF-8."))]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused([(reader.line_num, _("Unreadable CSV: %s") % error)]) from None
    return rows


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is no workbook
        raise ImportRefused([(0, _("The file is not a readable XLSX workbook."))]) from None
    try:
        sheet = book.worksheets[0]
        return [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()


def blank(cells) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def data_rows(table, *, max_rows: int) -> list[tuple[int, list]]:
    """The non-blank rows, the header first; refused when empty or too long."""
    rows = [(line, cells) for line, cells in table if not blank(cells)]
    if not rows:
        raise ImportRefused([(1, _("The file is empty."))])
    if len(rows) - 1 > max_rows:
        raise ImportRefused([(0, _("At most %(max)d rows in one file.") % {"max": max_rows})])
    return rows


def header(cells, columns: dict[str, tuple[str, ...]], required) -> dict[str, int]:
    """Column code → its position, from the first row's headings (any alias, any case)."""
    known = {alias: code for code, aliases in columns.items() for alias in aliases}
    positions = {}
    for index, cell in enumerate(cells):
        code = known.get(str(cell or "").strip().lower())
        if code and code not in positions:
            positions[code] = index
    missing = [columns[code][0] for code in required if code not in positions]
    if missing:
        raise ImportRefused([(1, _("The first row lacks the columns: %s.") % ", ".join(missing))])
    return positions


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def choice(value, choices, label: str) -> str:
    """The code of a choice given as its code or its label in any of the portal's languages."""
    raw = text(value).lower()
    for code, name in choices:
        if raw == code or raw in labels(name):
            return code
    raise ValueError(
        _("Unknown %(column)s: «%(value)s».") % {"column": label, "value": text(value)}
    )


def labels(name) -> set[str]:
    """A choice's label in every language of the portal, lower-cased."""
    found = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.add(str(name).lower())
    return found


def coordinate(value, limit: int, label: str) -> float | None:
    raw = text(value).replace(",", ".")
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise ValueError(
            _("%(column)s is not a number: «%(value)s».") % {"column": label, "value": raw}
        ) from None
    if not -limit <= number <= limit:
        raise ValueError(
            _("%(column)s is out of range: %(value)s.") % {"column": label, "value": raw}
        )
    return number
