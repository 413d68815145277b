"""What the registries' lists count (docs/benchmarks.md, "registries"): a long list without a text
search takes PostgreSQL's estimate of its rows instead of counting them on every view (86,825
activists: the count was most of the page's time); a search is always counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import activist

pytestmark = pytest.mark.django_db


def counts(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    return len(counted), page.content.decode()


def test_a_long_list_is_estimated_on_postgresql_and_a_search_is_counted(client, settings):
    settings.LIST_COUNT_ESTIMATE_ABOVE = 1  # every list is "long" here
    activist(name="Анна Петрова")
    activist(name="Олег Сидоров")
    counted, page = counts(client, "/community/activists/")
    assert counted == (0 if connection.vendor == "postgresql" else 1)
    assert "Анна Петрова" in page and "Олег Сидоров" in page
    counted, page = counts(client, "/community/activists/?q=Сидоров")
    assert counted == 1
    assert "Олег Сидоров" in page and "Анна Петрова" not in page


def test_a_short_list_is_counted(client, settings):
    settings.LIST_COUNT_ESTIMATE_ABOVE = 10**9
    activist(name="Анна Петрова")
    counted, _page = counts(client, "/community/activists/")
    assert counted == 1
