"""The list's cards (first photo's thumbnail, agency, deadline), numbered pages that keep the
filters, the filters folded in <details>, the map beside the list with the same filters, and a
constant number of queries with photos."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.reports.models import Report, ReportMedia, Status
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = pytest.mark.django_db

URL = "/reports/"


def add_photos(report, count: int) -> None:
    for n in range(count):
        ReportMedia.objects.create(
            report=report,
            kind=ReportMedia.Kind.PHOTO,
            file=f"reports/p{report.pk}-{n}.jpg",
            thumbnail=f"reports/thumbs/p{report.pk}-{n}.jpg",
            content_type="image/jpeg",
            size=1000,
            order=n,
        )


def card_of(html: str, report) -> str:
    start = html.index(f'href="/reports/{report.pk}/"')
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


def test_a_card_shows_the_first_photos_thumbnail_and_no_image_without_photos(client, world):
    with_photos = RoutedReportFactory(municipality=world.surgut)
    add_photos(with_photos, 2)
    bare = RoutedReportFactory(municipality=world.surgut)
    html = client.get(URL).content.decode()
    assert f'src="/media/reports/thumbs/p{with_photos.pk}-0.jpg"' in card_of(html, with_photos)
    assert f"p{with_photos.pk}-1.jpg" not in html
    assert "<img" not in card_of(html, bare)


def test_a_card_shows_the_agency_and_the_answer_deadline(client, world):
    report = RoutedReportFactory(
        municipality=world.surgut, due_at=timezone.make_aware(datetime.datetime(2099, 3, 5, 12))
    )
    card = card_of(client.get(URL).content.decode(), report)
    assert f"Ведомство: {report.agency.name}" in card
    assert "срок ответа" in card and "5 марта 2099" in card
    assert "просрочено" not in card


def test_an_overdue_report_says_so_and_an_answered_one_shows_no_deadline(client, world):
    late = RoutedReportFactory(
        municipality=world.surgut, due_at=timezone.now() - datetime.timedelta(days=1)
    )
    answered = RoutedReportFactory(municipality=world.surgut, status=Status.ANSWERED)
    html = client.get(URL).content.decode()
    assert "просрочено" in card_of(html, late)
    assert "срок ответа" not in card_of(html, answered)
    assert f"Ведомство: {answered.agency.name}" in card_of(html, answered)


def test_pages_are_numbered_and_their_links_keep_the_filters(client, world):
    RoutedReportFactory.create_batch(101, municipality=world.surgut)
    html = client.get(URL, {"municipality": world.surgut.pk, "page": 3}).content.decode()
    for number in (1, 2, 4, 5, 6):
        assert f'href="?municipality={world.surgut.pk}&amp;page={number}"' in html
    # The current page is marked, not linked (core/components/pagination.html).
    assert re.search(r'<span aria-current="page">(<span[^>]*>[^<]*</span>)?3</span>', html)


def test_far_pages_are_elided(client, world):
    RoutedReportFactory.create_batch(201, municipality=world.surgut)  # 11 pages
    html = client.get(URL).content.decode()
    assert 'href="?page=11"' in html and 'href="?page=3"' in html
    assert 'href="?page=7"' not in html and "…" in html


def test_the_filters_fold_in_details_open_without_scripts(client, world):
    html = client.get(URL, {"municipality": world.surgut.pk}).content.decode()
    assert '<details class="filters-fold" id="filters-fold" open data-fold-narrow>' in html
    assert "Фильтры" in html and "выбрано: 1" in html


def test_the_map_beside_the_list_reads_the_feed_with_the_same_filters(client, world):
    response = client.get(URL, {"municipality": world.surgut.pk, "status": "routed"})
    html = response.content.decode()
    assert 'class="map map-beside"' in html
    feed = f"/reports/map.geojson?municipality={world.surgut.pk}&amp;status=routed"
    assert f'data-geojson="{feed}"' in html
    assert 'data-boundaries="/territory/boundaries.geojson"' in html


def test_a_page_with_photos_reads_with_the_same_number_of_queries(client, world):
    def queries_for(count: int) -> int:
        Report.objects.all().delete()
        for report in RoutedReportFactory.create_batch(count, municipality=world.surgut):
            add_photos(report, 2)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"status": "routed", "municipality": world.surgut.pk})
        assert len(response.context["page"].object_list) == min(count, 20)
        return len(queries)

    assert queries_for(3) == queries_for(30)
