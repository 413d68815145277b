"""The public list: filters, Russian search by word forms, ordering, pagination, and a constant
number of queries per page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone, translation

from veche.reports.models import Report, Status
from veche.reports.tests.factories import (
    CategoryFactory,
    ReportFactory,
    RoutedReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = "/reports/"


def numbers(response) -> list[int]:
    return [report.pk for report in response.context["page"].object_list]


def test_only_published_reports_are_listed(client, world):
    public = RoutedReportFactory(municipality=world.surgut)
    ReportFactory(municipality=world.surgut)  # awaiting moderation
    ReportFactory(municipality=world.surgut, status=Status.REJECTED, rejection_reason=world.reason)
    response = client.get(URL)
    assert numbers(response) == [public.pk]
    html = response.content.decode()
    assert f"Сообщение № {public.pk}: {public.topic.name}" in html
    assert "Найдено 1 сообщение" in html


def test_each_item_shows_status_municipality_date_supports_and_excerpt(client, world):
    report = RoutedReportFactory(municipality=world.surgut, support_count=2, text="Т" * 300)
    html = client.get(URL).content.decode()
    assert 'class="badge badge-info"' in html and "Сургут" in html
    assert "2 поддержки" in html
    with translation.override("ru"):
        filed = dateformat.format(timezone.localtime(report.created_at), "j E Y")
    assert f">{filed}</time>" in html
    assert "Т" * 199 + "…" in html and "Т" * 201 not in html


def test_filters_by_category_topic_status_municipality_and_period(client, world):
    other_topic = TopicFactory(category=CategoryFactory())
    base = RoutedReportFactory(municipality=world.surgut, topic=world.topic)
    in_urai = RoutedReportFactory(municipality=world.urai, topic=world.topic)
    other = RoutedReportFactory(municipality=world.surgut, topic=other_topic)
    closed = RoutedReportFactory(municipality=world.surgut, topic=world.topic, status="closed")
    old = RoutedReportFactory(municipality=world.surgut, topic=world.topic)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))

    assert set(numbers(client.get(URL, {"category": other_topic.category_id}))) == {other.pk}
    assert other.pk not in numbers(client.get(URL, {"topic": world.topic.pk}))
    assert numbers(client.get(URL, {"status": "closed"})) == [closed.pk]
    assert numbers(client.get(URL, {"municipality": world.urai.pk})) == [in_urai.pk]
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert old.pk not in numbers(client.get(URL, {"since": since}))
    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert numbers(client.get(URL, {"until": until})) == [old.pk]
    assert base.pk in numbers(client.get(URL, {"since": since}))


def test_an_invalid_filter_is_shown_and_the_others_still_apply(client, world):
    in_urai = RoutedReportFactory(municipality=world.urai)
    RoutedReportFactory(municipality=world.surgut)
    response = client.get(URL, {"since": "вчера", "municipality": world.urai.pk})
    assert numbers(response) == [in_urai.pk]
    assert "Введите правильную дату." in response.content.decode()


@pytest.mark.parametrize("query", ["яма", "ЯМЫ", "ямами"])
def test_search_finds_every_form_of_a_russian_word(client, world, query):
    one = RoutedReportFactory(municipality=world.surgut, text="Огромные ямы во дворе")
    two = RoutedReportFactory(municipality=world.surgut, text="Дорога с ямами и лужами")
    lights = TopicFactory(name="Освещение")
    RoutedReportFactory(municipality=world.surgut, text="Не горят фонари", topic=lights)
    assert set(numbers(client.get(URL, {"q": query}))) == {one.pk, two.pk}


def test_ordering_by_support(client, world):
    quiet = RoutedReportFactory(municipality=world.surgut, support_count=1)
    loud = RoutedReportFactory(municipality=world.surgut, support_count=9)
    newest = RoutedReportFactory(municipality=world.surgut, support_count=0)
    assert numbers(client.get(URL)) == [newest.pk, loud.pk, quiet.pk]
    assert numbers(client.get(URL, {"order": "support"})) == [loud.pk, quiet.pk, newest.pk]


def test_pages_of_twenty_keep_the_filters_in_their_links(client, world):
    RoutedReportFactory.create_batch(25, municipality=world.surgut)
    first = client.get(URL, {"municipality": world.surgut.pk})
    assert len(numbers(first)) == 20
    assert f'href="?municipality={world.surgut.pk}&amp;page=2"' in first.content.decode()
    assert len(numbers(client.get(URL, {"municipality": world.surgut.pk, "page": 2}))) == 5


def test_htmx_gets_only_the_results(client, world):
    RoutedReportFactory(municipality=world.surgut)
    html = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "Найдено 1 сообщение" in html


def test_a_page_reads_with_the_same_number_of_queries_for_5_or_40_reports(client, world):
    def queries_for(count: int) -> int:
        Report.objects.all().delete()
        RoutedReportFactory.create_batch(count, municipality=world.surgut)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"status": "routed"})
        assert len(numbers(response)) == min(count, 20)
        return len(queries)

    assert queries_for(5) == queries_for(40)
