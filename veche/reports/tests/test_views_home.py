"""The home page's reports section: live figures, the latest published reports with a photo, the
map, only the sections that exist, and a constant number of queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.reports.models import ReportMedia, Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory


@pytest.fixture(autouse=True)
def _fresh_figures():
    cache.clear()
    yield
    cache.clear()


def _with_photo(report):
    ReportMedia.objects.create(
        report=report,
        kind=ReportMedia.Kind.PHOTO,
        file=f"reports/demo/{report.pk}.jpg",
        thumbnail=f"reports/thumbs/demo/{report.pk}.jpg",
        content_type="image/jpeg",
        size=1000,
    )
    return report


def test_home_shows_this_months_figures_and_the_latest_reports(client, world):
    shown = _with_photo(RoutedReportFactory(municipality=world.surgut, text="Яма у школы"))
    ReportFactory(municipality=world.surgut, text="Ждёт модерации")
    html = client.get("/").content.decode()
    assert "Сообщений в этом месяце" in html
    assert "<dd>2</dd>" in html  # both were filed this month, published or not
    assert "Яма у школы" in html and "Ждёт модерации" not in html
    assert f"/media/reports/thumbs/demo/{shown.pk}.jpg" in html
    assert 'id="reports-map"' in html and "reports/map.js" in html


def test_home_advertises_no_section_that_is_not_built(client, db):
    html = client.get("/").content.decode()
    assert "Сообщить о проблеме" in html
    # Every page the home page links to (menu, sections, footer) exists for a guest.
    links = set(re.findall(r'href="(/[^"#?]*)', html))
    pages = {link for link in links if not link.startswith(("/static/", "/media/"))}
    assert len(pages) > 10
    for link in sorted(pages):
        answered = client.get(link).status_code
        assert answered in (200, 302), (link, answered)


def test_home_costs_a_constant_number_of_queries(client, world):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    _with_photo(RoutedReportFactory(municipality=world.surgut))
    few = queries()
    for _ in range(8):
        _with_photo(RoutedReportFactory(municipality=world.urai, status=Status.IN_PROGRESS))
    assert queries() == few
    assert few <= 12  # 10, and 2 for the content section (latest news, coming events)
