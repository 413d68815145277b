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


# --- Clustered on the server (core/maps.py): what the portal's map asks for with `zoom`. ---


def spread(municipality, count: int, **extra) -> list[Report]:
    """`count` published reports scattered over the municipality's box."""
    m = municipality
    reports = []
    for n in range(count):
        lat = m.min_lat + (m.max_lat - m.min_lat) * ((n * 37) % 100 + 0.5) / 100
        lon = m.min_lon + (m.max_lon - m.min_lon) * ((n * 61) % 100 + 0.5) / 100
        reports.append(RoutedReportFactory(municipality=m, lat=lat, lon=lon, **extra))
    return reports


def drawn(response) -> tuple[int, int, int]:
    """(features, of them clusters, reports they stand for)."""
    features = response.json()["features"]
    clusters = [f for f in features if f["properties"].get("cluster")]
    total = sum(f["properties"]["count"] if f in clusters else 1 for f in features)
    return len(features), len(clusters), total


def test_the_region_at_low_zoom_comes_in_clusters_counting_every_report(client, world):
    spread(world.surgut, 40)
    spread(world.urai, 20)
    features, clusters, total = drawn(client.get(URL, {"bbox": "40,50,100,70", "zoom": 6}))
    assert total == 60
    assert clusters >= 1 and features < 60
    for feature in client.get(URL, {"bbox": "40,50,100,70", "zoom": 6}).json()["features"]:
        if feature["properties"].get("cluster"):
            assert feature["geometry"]["type"] == "Point"


def test_a_filter_changes_the_clusters_counts(client, world):
    spread(world.surgut, 30)
    spread(world.surgut, 12, status="closed")
    box = bbox_of(world.surgut, margin=1)
    assert drawn(client.get(URL, {"bbox": box, "zoom": 7}))[2] == 42
    assert drawn(client.get(URL, {"bbox": box, "zoom": 7, "status": "closed"}))[2] == 12
    assert drawn(client.get(URL, {"bbox": box, "zoom": 7, "municipality": world.urai.pk}))[2] == 0


def test_zoomed_in_the_reports_themselves_are_sent(client, world):
    reports = spread(world.surgut, 30)
    data = client.get(URL, {"bbox": bbox_of(world.surgut), "zoom": 15}).json()
    sent = sorted(feature["properties"]["id"] for feature in data["features"])
    assert sent == sorted(report.pk for report in reports)
    assert data["truncated"] is False


def test_the_number_of_features_is_bounded_whatever_the_data(client, world, monkeypatch):
    from veche.core import maps

    spread(world.surgut, 60)
    monkeypatch.setattr(maps, "MAX_CELLS", 4)
    monkeypatch.setattr(maps, "POINT_LIMIT", 10)
    # A view of the whole world at zoom 12 gets a coarser grid, not thousands of cells.
    world_view = {"bbox": "-180,-90,180,90", "zoom": 12}
    features, _clusters, total = drawn(client.get(URL, world_view))
    assert features <= 4 and total == 60
    # Zoomed in on more reports than POINT_LIMIT: clusters on a finer grid instead of points.
    close = {"bbox": bbox_of(world.surgut), "zoom": 16}
    features, clusters, total = drawn(client.get(URL, close))
    assert clusters >= 1 and features <= 4 and total == 60


@pytest.mark.parametrize("zoom", [6, 16])
def test_the_clustered_feed_reads_with_the_same_queries_for_3_or_60_reports(client, world, zoom):
    def queries_for(count: int) -> int:
        Report.objects.all().delete()
        spread(world.surgut, count)
        with CaptureQueriesContext(connection) as queries:
            assert drawn(client.get(URL, {"bbox": bbox_of(world.surgut), "zoom": zoom}))[2] == count
        return len(queries)

    # The cells (or the points), the lone reports of cells when there are any, the topics' names.
    assert queries_for(3) <= 3 and queries_for(60) <= 3


@pytest.mark.parametrize("zoom", ["x", "23", "-1"])
def test_a_bad_zoom_is_a_400_in_russian(client, world, zoom):
    response = client.get(URL, {"zoom": zoom})
    assert response.status_code == 400
    assert response.json() == {"error": "zoom должен быть целым числом от 0 до 22."}


def test_the_api_feed_clusters_with_zoom_too(client, world):
    spread(world.surgut, 25)
    response = client.get("/api/v1/reports/map.geojson", {"zoom": 5})
    assert response.status_code == 200
    assert drawn(response)[1] >= 1 and drawn(response)[2] == 25
    assert client.get("/api/v1/reports/map.geojson", {"zoom": 30}).status_code == 422


def test_the_counts_are_kept_per_filter_and_view_for_a_while(client, world, settings):
    from django.core.cache import cache

    settings.MAP_CELLS_CACHE_SECONDS = 60
    cache.clear()
    spread(world.surgut, 5)
    view = {"bbox": bbox_of(world.surgut), "zoom": 6}
    assert drawn(client.get(URL, view))[2] == 5
    spread(world.surgut, 2, status="closed")
    assert drawn(client.get(URL, view))[2] == 5  # the kept count, until it expires
    assert drawn(client.get(URL, {**view, "status": "closed"}))[2] == 2  # another filter
    cache.clear()
    assert drawn(client.get(URL, view))[2] == 7
