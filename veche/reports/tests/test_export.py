"""The list exported as CSV and XLSX: the same reports as the filtered list, in its order, with
the columns a resident sees (nothing personal), cut at EXPORT_LIMIT with a note, rate-limited."""

import csv
import io

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.reports.views import export

pytestmark = pytest.mark.django_db

HEADER = [
    "Номер",
    "Ссылка",
    "Статус",
    "Категория",
    "Тема",
    "Муниципальное образование",
    "Ведомство",
    "Подано",
    "Срок ответа",
    "Поддержки",
    "Текст",
]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def body(response) -> bytes:
    """The file the export streams from disk (a FileResponse has no .content)."""
    return b"".join(response.streaming_content)


def csv_rows(client, params=None) -> list[list[str]]:
    response = client.get("/reports/export.csv", params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def xlsx_rows(client, params=None) -> list[list]:
    response = client.get("/reports/export.xlsx", params or {})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response)), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def listed(client, params) -> list[int]:
    return [r.pk for r in client.get("/reports/", params).context["page"].object_list]


def test_the_csv_is_the_filtered_list_with_its_columns(client, world):
    mine = RoutedReportFactory(municipality=world.surgut, support_count=3)
    RoutedReportFactory(municipality=world.urai)
    ReportFactory(municipality=world.surgut)  # awaiting moderation
    params = {"municipality": world.surgut.pk}
    rows = csv_rows(client, params)
    assert rows[0] == HEADER
    assert [int(row[0]) for row in rows[1:]] == listed(client, params) == [mine.pk]
    row = rows[1]
    assert row[1].endswith(f"/reports/{mine.pk}/")
    assert row[2] == "направлено в ведомство"
    assert row[5] == "Сургут" and row[6] == mine.agency.name and row[9] == "3"
    assert row[10] == mine.text


def test_the_xlsx_matches_the_list_in_its_order(client, world):
    reports = RoutedReportFactory.create_batch(3, municipality=world.surgut)
    reports[0].support_count = 9
    reports[0].save(update_fields=["support_count"])
    params = {"order": "support"}
    rows = xlsx_rows(client, params)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == listed(client, params)
    assert rows[1][0] == reports[0].pk and rows[1][9] == 9


def test_nothing_personal_is_exported(client, world):
    RoutedReportFactory(municipality=world.surgut, author=world.author)
    text = body(client.get("/reports/export.csv")).decode("utf-8-sig")
    for private in (world.author.email, world.author.last_name, world.author.first_name):
        assert private not in text


def test_past_the_limit_the_file_is_cut_and_says_so(client, world, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_LIMIT", 2)
    RoutedReportFactory.create_batch(3, municipality=world.surgut)
    for rows in (csv_rows(client), xlsx_rows(client)):
        assert len(rows) == 1 + 2 + 1
        assert "Выгружены только первые сообщения (не больше 2)" in str(rows[-1][0])


def test_exports_are_rate_limited_with_a_clear_message(client, world, settings):
    settings.RATE_LIMIT_EXPORT = "2/600"
    RoutedReportFactory(municipality=world.surgut)
    assert client.get("/reports/export.csv").status_code == 200
    assert client.get("/reports/export.xlsx").status_code == 200
    refused = client.get("/reports/export.csv")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Слишком много выгрузок" in refused.content.decode()
