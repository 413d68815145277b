"""Guests' report list, report page and map come from the cache (veche/core/pagecache.py) until
an event changes the data; signed-in residents always get a page rendered for them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from veche.reports.services import report_support
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def guest_cache(settings):
    settings.GUEST_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail", "map"])
def test_a_second_guest_reads_only_the_version(world, page):
    report = RoutedReportFactory(municipality=world.surgut)
    url = {"list": "/reports/", "detail": f"/reports/{report.pk}/", "map": "/reports/map/"}[page]
    assert _queries(Client(), url) > 1
    assert _queries(Client(), url) == 1


def test_a_support_gives_the_next_guest_a_fresh_page_and_residents_never_a_cached_one(world):
    report = RoutedReportFactory(municipality=world.surgut)
    url = f"/reports/{report.pk}/"
    _queries(Client(), url)
    report_support(user=world.neighbour, report=report)  # records an event
    assert _queries(Client(), url) > 1
    resident = Client()
    resident.force_login(world.neighbour)
    assert _queries(resident, url) > 1
    assert _queries(resident, url) > 1
