"""The REST list pages by keyset beside limit/offset: walking the cursors gives the offset pages'
items in the same order; a tampered, expired or other-ordering cursor answers 400 with the API's
error body; the count of the same filters is reused while LIST_COUNT_CACHE_SECONDS last."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from veche.reports.models import Report
from veche.reports.tests.factories import RoutedReportFactory

URL = "/api/v1/reports/"


@pytest.fixture
def reports(world):
    made = [RoutedReportFactory(municipality=world.surgut) for _ in range(7)]
    moment = timezone.now() - timedelta(days=1)
    # Three share one moment and two share a support count: the key breaks their ties.
    Report.objects.filter(pk__in=[r.pk for r in made[:3]]).update(created_at=moment)
    Report.objects.filter(pk__in=[r.pk for r in made[3:5]]).update(support_count=4)
    return made


def walk(client, **query) -> list[int]:
    seen, cursor = [], None
    while True:
        page = client.get(URL, {"limit": 3, **query, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.content
        body = page.json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen


def by_offset(client, **query) -> list[int]:
    seen = []
    for offset in range(0, 9, 3):
        seen += [
            i["id"]
            for i in client.get(URL, {"limit": 3, "offset": offset, **query}).json()["items"]
        ]
    return seen


@pytest.mark.parametrize("order", ["new", "support"])
def test_the_cursors_walk_the_offset_pages(client, reports, order):
    walked = walk(client, order=order)
    assert walked == by_offset(client, order=order)
    assert sorted(walked) == sorted(r.pk for r in reports)


def test_a_bad_cursor_is_a_400_with_the_error_body(client, reports):
    first = client.get(URL, {"limit": 3}).json()["next_cursor"]
    tampered = client.get(URL, {"cursor": first[:-2] + "xx"})
    assert tampered.status_code == 400 and "detail" in tampered.json()
    assert client.get(URL, {"cursor": "nonsense"}).status_code == 400
    other_order = client.get(URL, {"cursor": first, "order": "support"})
    assert other_order.status_code == 400 and "detail" in other_order.json()
    both = client.get(URL, {"cursor": first, "offset": 3})
    assert both.status_code == 400
    later = timezone.now().timestamp() + 2 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        expired = client.get(URL, {"cursor": first})
    assert expired.status_code == 400 and "detail" in expired.json()


def test_the_count_of_the_same_filters_is_reused(client, reports, settings, world):
    settings.LIST_COUNT_CACHE_SECONDS = 60
    cache.clear()
    assert client.get(URL).json()["count"] == 7
    RoutedReportFactory(municipality=world.surgut)
    assert client.get(URL).json()["count"] == 7  # kept
    assert len(client.get(URL, {"limit": 100}).json()["items"]) == 8  # the items are fresh
    assert client.get(URL, {"municipality": world.surgut.pk}).json()["count"] == 8
    cache.clear()
