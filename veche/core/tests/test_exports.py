"""Shared exports (core.exports): what goes in comes back out of CSV and XLSX, a failure while
producing rows is an exception and never a file, nothing stays on disk, memory stays flat."""

import csv
import io
import tempfile
import tracemalloc
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.http import FileResponse
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.worksheet._writer import ALL_TEMP_FILES as OPENPYXL_TEMP_FILES

from veche.core import exports
from veche.core.exports import export_file, export_response

# Closing a response sends request_finished, which touches the database connection.
pytestmark = pytest.mark.django_db

COLUMNS = ["Участник", "Время", "Ответ", "Баллы"]
MOMENT = datetime(2026, 3, 1, 4, 30, tzinfo=UTC)  # 09:30 in Yugra


def sample_rows():
    return [
        ["v001", MOMENT, "Стадион", 5],
        ["v002", date(2026, 3, 2), gettext_lazy("Answer"), Decimal("2.5")],
        ["v003", None, '=HYPERLINK("http://evil")', -1],
        ["v004", MOMENT, "bad\x01char", 0],
    ]


def body(response: FileResponse) -> bytes:
    data = b"".join(response.streaming_content)
    response.close()  # as the server does: closes, hence deletes, the file
    return data


def csv_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_of(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_csv_round_trip():
    response = export_response(
        filename="итоги", columns=COLUMNS, rows=iter(sample_rows()), fmt="csv"
    )
    assert response.streaming  # from disk, not a body in memory
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_of(body(response))
    assert rows[0] == COLUMNS
    assert rows[1] == ["v001", "2026-03-01 09:30:00", "Стадион", "5"]
    assert rows[2] == ["v002", "2026-03-02", "Ответ", "2.5"]
    assert rows[3] == ["v003", "", '\'=HYPERLINK("http://evil")', "-1"]  # never a formula
    assert rows[4][2] == "badchar"


def test_xlsx_round_trip_keeps_types():
    response = export_response(
        filename="poll", columns=COLUMNS, rows=iter(sample_rows()), fmt="xlsx", sheet_title="Итоги"
    )
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert 'filename="poll.xlsx"' in response["Content-Disposition"]
    data = body(response)
    assert load_workbook(io.BytesIO(data), read_only=True).sheetnames == ["Итоги"]
    rows = xlsx_of(data)
    assert rows[0] == COLUMNS
    assert rows[1] == ["v001", datetime(2026, 3, 1, 9, 30), "Стадион", 5]
    assert rows[2][2] == "Ответ" and rows[2][3] == 2.5
    assert rows[3][1] is None and rows[3][2] == '\'=HYPERLINK("http://evil")' and rows[3][3] == -1
    assert rows[4][2] == "badchar"


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_a_failure_midway_raises_and_leaves_no_file(fmt, monkeypatch):
    opened = []
    real = tempfile.TemporaryFile

    def tracked(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(exports.tempfile, "TemporaryFile", tracked)

    def rows():
        yield ["v1", MOMENT, "a", 1]
        yield ["v2", MOMENT, "b", 2]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        export_response(filename="x", columns=COLUMNS, rows=rows(), fmt=fmt)
    assert len(opened) == 1 and opened[0].closed  # closed, hence deleted (it has no name)
    assert OPENPYXL_TEMP_FILES == []  # nor openpyxl's own file of the sheet's rows


def test_a_failure_in_a_view_is_a_server_error_not_a_file(client, settings):
    """Through Django: the reader gets the 500 page, not a 200 with a cut file."""
    from django.urls import path

    def failing(request):
        def rows():
            yield ["v1", MOMENT, "a", 1]
            raise RuntimeError("boom")

        return export_response(filename="x", columns=COLUMNS, rows=rows(), fmt="xlsx")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("x/", failing)]})
    client.raise_request_exception = False
    response = client.get("/x/")
    assert response.status_code == 500
    assert not response.streaming


def test_the_file_is_gone_once_the_response_is_closed(rf):
    response = export_response(
        rf.get("/"), filename="x", columns=COLUMNS, rows=iter(sample_rows()), fmt="csv"
    )
    handle = response.file_to_stream
    assert not handle.closed
    body(response)
    assert handle.closed


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="pdf"):
        export_file(columns=COLUMNS, rows=[], fmt="pdf")


def test_an_empty_export_has_its_header():
    with export_file(columns=COLUMNS, rows=iter(()), fmt="xlsx") as written:
        assert xlsx_of(written.read()) == [COLUMNS]


def _ballots(count: int):
    for n in range(count):
        yield [
            f"v{n:07d}",
            MOMENT,
            f"Вариант {n % 4}",
            n % 5,
            f"Свой ответ {n}" if n % 50 == 0 else "",
        ]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_memory_does_not_grow_with_the_rows(fmt):
    """Python's peak allocations while writing 15,000 rows stay under 10 MB (the rows alone
    would take more held in a list); bench/export_memory.py measures 150,000."""
    count = 15_000
    tracemalloc.start()
    try:
        written = export_file(columns=COLUMNS + ["Другое"], rows=_ballots(count), fmt=fmt)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20, peak
    with written:
        data = written.read()
    rows = xlsx_of(data) if fmt == "xlsx" else csv_of(data)
    assert len(rows) == count + 1
    assert rows[-1][0] == f"v{count - 1:07d}"
