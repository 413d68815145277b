"""The public pages, the map feed (clusters at low zoom, shapes simplified when zoomed in), the
exports (no personal data) and the staff's edit page."""

import json

import pytest
from django.urls import reverse

from veche.infrastructure.models import Facility, HistoryEntry, Status

from .factories import FacilityFactory

SURGUT_BBOX = "73.0,61.0,73.8,61.5"
REGION_BBOX = "55.0,50.0,90.0,70.0"


@pytest.fixture
def objects(world):
    road = FacilityFactory(
        municipality=world.surgut,
        category=world.roads,
        name="Ремонт дороги по улице Мира",
        shape="line",
        geometry={
            "type": "LineString",
            "coordinates": [[73.30, 61.20], [73.35, 61.20005], [73.40, 61.20]],
        },
        lat=61.20005,
        lon=73.35,
        min_lat=61.2,
        max_lat=61.20005,
        min_lon=73.3,
        max_lon=73.4,
    )
    yard = FacilityFactory(
        municipality=world.surgut, category=world.yards, status=Status.COMPLETED, progress=100
    )
    far = FacilityFactory(municipality=world.urai, category=world.yards, year=2023)
    return road, yard, far


def geojson(client, **params):
    response = client.get(reverse("infrastructure:map_geojson"), params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_the_map_feed_clusters_at_low_zoom_and_draws_objects_when_zoomed_in(client, objects):
    road, yard, far = objects
    low = geojson(client, bbox=REGION_BBOX, zoom=5)
    counts = sorted(f["properties"].get("count", 1) for f in low["features"])
    assert counts == [1, 2]  # Surgut's two objects in one cell, Urai's alone
    single = next(f for f in low["features"] if "id" in f["properties"])
    assert single["properties"]["id"] == far.pk and single["properties"]["url"].endswith(
        f"/objects/{far.pk}/"
    )
    high = geojson(client, bbox=SURGUT_BBOX, zoom=14)
    shapes = {f["properties"]["id"]: f["geometry"]["type"] for f in high["features"]}
    assert shapes == {road.pk: "LineString", yard.pk: "Point"}
    coarse = geojson(client, bbox=SURGUT_BBOX, zoom=13)
    line = next(f for f in coarse["features"] if f["properties"]["id"] == road.pk)
    # The middle vertex lies 0.00005° off the straight line: below one pixel at zoom 13.
    assert len(line["geometry"]["coordinates"]) == 2


def test_the_map_feed_filters_like_the_list(client, objects, world):
    road, _yard, _far = objects
    found = geojson(client, bbox=SURGUT_BBOX, zoom=14, category=world.roads.pk)
    assert [f["properties"]["id"] for f in found["features"]] == [road.pk]
    found = geojson(client, bbox=REGION_BBOX, zoom=14, municipality=world.urai.pk)
    assert len(found["features"]) == 1
    found = geojson(client, bbox=REGION_BBOX, zoom=14, status="completed", year=2024)
    assert len(found["features"]) == 1


@pytest.mark.parametrize(
    "params", [{}, {"bbox": "x", "zoom": 3}, {"bbox": REGION_BBOX, "zoom": 40}]
)
def test_a_bad_map_request_is_a_400(client, db, params):
    assert client.get(reverse("infrastructure:map_geojson"), params).status_code == 400


def test_the_list_searches_in_russian_and_filters(client, objects, world):
    response = client.get(reverse("infrastructure:list"), {"q": "дороги"})
    assert response.status_code == 200
    assert [f.pk for f in response.context["page"]] == [objects[0].pk]
    response = client.get(reverse("infrastructure:list"), {"municipality": world.urai.pk})
    assert [f.pk for f in response.context["page"]] == [objects[2].pk]
    assert client.get(reverse("infrastructure:map")).status_code == 200


def test_the_object_page_shows_money_history_and_the_edit_link_to_its_keeper(
    client, objects, world
):
    road = objects[0]
    HistoryEntry.objects.create(
        facility=road, source="staff", changes={"status": ["planned", "in_progress"]}
    )
    response = client.get(road.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "1\xa0000\xa0000\xa0₽" in html and "250\xa0000\xa0₽" in html
    assert reverse("infrastructure:edit", args=[road.pk]) not in html
    client.force_login(world.surgut_admin)
    assert (
        reverse("infrastructure:edit", args=[road.pk])
        in client.get(road.get_absolute_url()).content.decode()
    )


def test_a_municipal_admin_of_another_territory_cannot_edit(client, objects, world):
    road = objects[0]
    url = reverse("infrastructure:edit", args=[road.pk])
    client.force_login(world.urai_admin)
    assert client.get(url).status_code == 403
    data = {
        "status": "completed",
        "progress": 100,
        "budget_planned": "1000000",
        "budget_spent": "900000",
    }
    assert client.post(url, data).status_code == 403
    road.refresh_from_db()
    assert road.status == Status.IN_PROGRESS and not HistoryEntry.objects.exists()
    client.force_login(world.surgut_admin)
    response = client.post(url, data)
    assert response.status_code == 302
    road.refresh_from_db()
    assert road.status == Status.COMPLETED and HistoryEntry.objects.count() == 1


def test_the_edit_page_shows_errors_without_writing(client, objects, world):
    road = objects[0]
    client.force_login(world.surgut_admin)
    response = client.post(
        reverse("infrastructure:edit", args=[road.pk]),
        {"status": "completed", "progress": 120, "budget_planned": "-5", "budget_spent": "0"},
    )
    assert response.status_code == 400
    assert not HistoryEntry.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
def test_exports_carry_the_objects_and_no_personal_data(client, objects, world, fmt):
    response = client.get(reverse("infrastructure:export", args=[fmt]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "geojson":
        data = json.loads(body)
        assert len(data["features"]) == Facility.objects.count()
        assert "author" not in json.dumps(data)
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        assert "Ремонт дороги по улице Мира" in text
        assert world.surgut_admin.email not in text


def test_an_unknown_export_format_is_a_404(client, db):
    assert client.get("/objects/export.pdf").status_code == 404


def test_the_reports_about_an_object_show_on_its_page(client, objects, world):
    from veche.reports.models import Report
    from veche.reports.services import report_submit
    from veche.reports.tests.factories import TopicFactory

    road = objects[0]
    report = report_submit(
        author=world.resident,
        topic=TopicFactory(name="Ямы на дороге"),
        text="Яма на проезжей части у остановки",
        lat=road.lat,
        lon=road.lon,
        subject=("infrastructure.facility", road.pk),
    )
    assert client.get(road.get_absolute_url()).context["reports"] == []  # not yet published
    Report.objects.filter(pk=report.pk).update(status="published")
    response = client.get(road.get_absolute_url())
    assert [r.pk for r in response.context["reports"]] == [report.pk]
    assert "Ямы на дороге" in response.content.decode()
