"""The REST API: the same services as the web, with token auth and JSON errors naming fields."""

import pytest

from veche.api.services import api_token_create
from veche.reports.models import Report, Status
from veche.reports.tests.conftest import point_in
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.reports.tests.images import exif_of, jpeg_with_gps


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="test app", created_by=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def file_report(client, world, **extra):
    data = {"topic_id": world.topic.pk, "text": "Яма у подъезда", **point_in(world.surgut), **extra}
    return client.post("/api/v1/reports/", data, **bearer(world.author))


def test_file_a_report_with_a_photo_and_read_it_back(client, world):
    response = file_report(client, world, media=[jpeg_with_gps()])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["municipality"] == "Сургут"
    report = Report.objects.get(pk=body["id"])
    assert exif_of(report.media.get().file.read()) == {}
    assert body["author"] == world.author.public_name
    assert world.author.email not in response.content.decode()


def test_validation_errors_name_the_field_in_russian(client, world):
    response = file_report(client, world, text=" ", lat=10, lon=10)
    assert response.status_code == 422
    fields = {error["loc"][-1]: error["msg"] for error in response.json()["detail"]}
    assert set(fields) == {"text", "location"}
    assert "Опишите проблему" in fields["text"]
    missing = client.post("/api/v1/reports/", {"text": "x"}, **bearer(world.author))
    assert missing.status_code == 422
    assert "topic_id" in {error["loc"][-1] for error in missing.json()["detail"]}
    assert not Report.objects.exists()


def test_filing_needs_credentials_and_a_retry_files_once(client, world):
    assert client.post("/api/v1/reports/", {}).status_code == 401
    first = file_report(client, world, client_token="retry-1").json()
    again = file_report(client, world, client_token="retry-1").json()
    assert first["id"] == again["id"] and Report.objects.count() == 1


def test_list_is_public_and_searches_word_forms(client, world):
    RoutedReportFactory(municipality=world.surgut, text="Огромные ямы во дворе")
    ReportFactory(municipality=world.surgut, text="Яма, ещё не опубликована")
    body = client.get("/api/v1/reports/", {"q": "яма"}).json()
    assert body["count"] == 1 and "ямы" in body["items"][0]["text"]


def test_unpublished_report_is_hidden_from_others(client, world):
    report = ReportFactory(municipality=world.surgut, author=world.author)
    assert client.get(f"/api/v1/reports/{report.pk}").status_code == 404
    assert client.get(f"/api/v1/reports/{report.pk}", **bearer(world.author)).status_code == 200


def test_support_once_through_the_api(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    url = f"/api/v1/reports/{report.pk}/support"
    assert client.post(url, **bearer(world.neighbour)).json() == {
        "support_count": 1,
        "created": True,
    }
    assert client.post(url, **bearer(world.neighbour)).json()["support_count"] == 1


@pytest.mark.parametrize("who, status", [("official", 200), ("urai_official", 403)])
def test_only_the_agency_answers(client, world, who, status):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    response = client.post(
        f"/api/v1/reports/{report.pk}/answer",
        {"kind": "scheduled", "text": "Отремонтируем", "planned_date": "2099-06-01"},
        **bearer(getattr(world, who)),
    )
    assert response.status_code == status, response.content
    report.refresh_from_db()
    assert (report.status == Status.ANSWERED) == (status == 200)


def test_author_reviews_the_answer(client, world):
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )
    client.post(
        f"/api/v1/reports/{report.pk}/answer",
        {"kind": "resolved", "text": "Готово"},
        **bearer(world.official),
    )
    response = client.post(
        f"/api/v1/reports/{report.pk}/review",
        {"confirm": True, "rating": 4},
        content_type="application/json",
        **bearer(world.author),
    )
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_catalogue_lists_open_topics(client, world):
    world.topic.is_open = True
    world.topic.save()
    body = client.get("/api/v1/reports/catalogue").json()
    assert world.topic.service_code in {t["service_code"] for c in body for t in c["topics"]}


def test_the_schema_describes_the_reports_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/reports/" in paths and "/api/v1/reports/{report_id}/answer" in paths


def test_rejection_reasons_are_listed_not_taken_for_a_report_id(client, world):
    response = client.get("/api/v1/reports/rejection-reasons")
    assert response.status_code == 200, response.content
    assert response.json() == [{"code": world.reason.code, "text": world.reason.text}]


def test_the_map_feed_is_an_api_operation_filtered_like_the_web_one(client, world):
    inside = RoutedReportFactory(municipality=world.surgut)
    RoutedReportFactory(municipality=world.urai)
    ReportFactory(municipality=world.surgut)  # not published: never on the map
    lat, lon = inside.lat, inside.lon
    bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    response = client.get("/api/v1/reports/map.geojson", {"bbox": bbox})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert [f["properties"]["id"] for f in body["features"]] == [inside.pk]
    assert body["features"][0]["geometry"]["coordinates"] == [
        pytest.approx(lon),
        pytest.approx(lat),
    ]
    assert body == client.get("/reports/map.geojson", {"bbox": bbox}).json()
    every = client.get("/api/v1/reports/map.geojson", {"municipality": world.urai.pk}).json()
    assert len(every["features"]) == 1 and every["truncated"] is False


def test_the_map_feed_names_a_bad_bbox(client, world):
    RoutedReportFactory(municipality=world.surgut)
    inverted = client.get("/api/v1/reports/map.geojson", {"bbox": "80,70,60,50"})
    assert inverted.status_code == 200 and inverted.json()["features"] == []
    for bbox in ("10,20,30", "181,0,0,0", "0,-91,0,0", "1e3,0,0,0"):
        response = client.get("/api/v1/reports/map.geojson", {"bbox": bbox})
        assert response.status_code == 422, bbox
        assert response.json()["detail"][0]["loc"] == ["query", "bbox"]
