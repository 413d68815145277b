"""The map page and its GeoJSON feed: bounding box, the list's filters, shape, truncation,
cache headers, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.reports.models import Report
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory, TopicFactory
from veche.reports.views import public

pytestmark = pytest.mark.django_db

URL = "/reports/map.geojson"


def bbox_of(municipality, margin: float = 0.0) -> str:
    m = municipality
    box = [m.min_lon - margin, m.min_lat - margin, m.max_lon + margin, m.max_lat + margin]
    return ",".join(f"{value:.5f}" for value in box)


def ids(response) -> list[int]:
    return [feature["properties"]["id"] for feature in response.json()["features"]]


def test_the_feed_is_a_feature_collection_of_points(client, world):
    report = RoutedReportFactory(municipality=world.surgut, support_count=7)
    response = client.get(URL, {"bbox": bbox_of(world.surgut)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.json() == {
        "type": "FeatureCollection",
        "truncated": False,
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(report.lon, 6), round(report.lat, 6)],
                },
                "properties": {
                    "id": report.pk,
                    "status": "routed",
                    "topic": report.topic.name,
                    "support_count": 7,
                    "url": f"/reports/{report.pk}/",
                },
            }
        ],
    }


def test_only_published_reports_inside_the_box_are_served(client, world):
    surgut = RoutedReportFactory(municipality=world.surgut)
    RoutedReportFactory(municipality=world.urai)
    ReportFactory(municipality=world.surgut)  # awaiting moderation
    assert ids(client.get(URL, {"bbox": bbox_of(world.surgut)})) == [surgut.pk]
    assert len(ids(client.get(URL))) == 2


def test_the_lists_filters_apply(client, world):
    other_topic = TopicFactory(name="Уличное освещение")
    pothole = RoutedReportFactory(municipality=world.surgut, text="Яма у подъезда")
    closed = RoutedReportFactory(
        municipality=world.surgut, status="closed", topic=other_topic, text="Не горит фонарь"
    )
    box = bbox_of(world.surgut)
    assert ids(client.get(URL, {"bbox": box, "status": "closed"})) == [closed.pk]
    assert ids(client.get(URL, {"bbox": box, "topic": other_topic.pk})) == [closed.pk]
    assert ids(client.get(URL, {"bbox": box, "q": "ямы"})) == [pothole.pk]


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "80,60,70,61", "0,0,200,10"])
def test_a_malformed_box_is_a_400_in_russian(client, world, bbox):
    response = client.get(URL, {"bbox": bbox})
    assert response.status_code == 400
    assert response.json() == {
        "error": "bbox должен иметь вид min_lon,min_lat,max_lon,max_lat в градусах."
    }


def test_too_many_points_are_cut_to_the_most_supported_and_say_so(client, world, monkeypatch):
    monkeypatch.setattr(public, "MAP_LIMIT", 2)
    for count in (5, 1, 9):
        RoutedReportFactory(municipality=world.surgut, support_count=count)
    data = client.get(URL, {"bbox": bbox_of(world.surgut)}).json()
    assert data["truncated"] is True
    assert [f["properties"]["support_count"] for f in data["features"]] == [9, 5]


def test_the_feed_is_cacheable_and_answers_304_when_unchanged(client, world):
    RoutedReportFactory(municipality=world.surgut)
    first = client.get(URL, {"bbox": bbox_of(world.surgut)})
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    again = client.get(
        URL, {"bbox": bbox_of(world.surgut)}, headers={"If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_the_feed_reads_with_the_same_queries_for_3_or_300_reports(client, world):
    def queries_for(count: int) -> int:
        Report.objects.all().delete()
        RoutedReportFactory.create_batch(count, municipality=world.surgut)
        with CaptureQueriesContext(connection) as queries:
            assert len(ids(client.get(URL, {"bbox": bbox_of(world.surgut)}))) == count
        return len(queries)

    assert queries_for(3) == queries_for(300) <= 2


def test_the_map_page_works_without_javascript_through_the_list(client, world):
    response = client.get("/reports/map/", {"municipality": world.surgut.pk, "status": "routed"})
    html = response.content.decode()
    query = f"municipality={world.surgut.pk}&amp;status=routed"
    assert f'href="/reports/?{query}"' in html
    assert "Для карты нужен JavaScript" in html
    assert f'data-geojson="/reports/map.geojson?{query}"' in html
    assert 'id="reports-map"' in html and " hidden" in html
    assert 'id="map-labels" type="application/json"' in html
    assert 'name="status"' in html and 'name="municipality"' in html


def test_topic_names_are_escaped_as_json(client, world):
    topic = TopicFactory(name='Знак «Стоп» и "уступи" \\ дорогу')
    RoutedReportFactory(municipality=world.surgut, topic=topic)
    feature = client.get(URL, {"bbox": bbox_of(world.surgut)}).json()["features"][0]
    assert feature["properties"]["topic"] == topic.name
