"""In Chromium: the open-data catalogue is axe-clean in both languages and its links download
the files."""

import pytest

from veche.opendata.build import build
from veche.reports.models import Status
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def built(settings, tmp_path):
    settings.OPENDATA_ROOT = tmp_path / "opendata"
    RoutedReportFactory(status=Status.ROUTED)
    build()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_catalogue_has_no_axe_violations(built, new_page, axe_check, language):
    page = new_page(language=language)
    page.goto("/opendata/")
    heading = "Открытые данные" if language == "ru" else "Open data"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    axe_check(page)


def test_a_download_link_gives_the_file(built, page):
    page.goto("/opendata/")
    with page.expect_download() as download:
        page.locator("a[href='/opendata/reports.csv']").click()
    assert download.value.suggested_filename == "veche-reports.csv"
