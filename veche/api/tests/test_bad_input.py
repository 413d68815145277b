"""Input found by fuzzing (schemathesis) that once made the API answer 500: each is now a 4xx
in the API's error shape, and nothing is written."""

import json

import pytest
from django.test import override_settings

from veche.reports.models import Report, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory

from .conftest import bearer
from .factories import ApiTokenFactory

pytestmark = pytest.mark.django_db
HUGE = 2**63


def _locs(response) -> list[list]:
    assert response.status_code == 422, response.content
    return [error["loc"] for error in response.json()["detail"]]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"limit": HUGE}, "limit"),
        ({"offset": HUGE}, "offset"),
        ({"offset": 2**64 + 1}, "offset"),
        ({"limit": -1}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": 10**6}, "limit"),
        ({"category": HUGE}, "category"),
        ({"municipality": -HUGE}, "municipality"),
    ],
)
def test_out_of_range_numbers_in_the_list_are_422(client, query, field):
    assert _locs(client.get("/api/v1/reports/", query)) == [["query", field]]


def test_an_id_beyond_the_database_is_422(client):
    assert _locs(client.get(f"/api/v1/reports/{HUGE}")) == [["path", "report_id"]]


@pytest.mark.parametrize(
    "url, query, loc",
    [
        ("/api/v1/reports/", {"q": "яма\x00"}, ["query", "q"]),
        ("/api/v1/reports/", {"q\x00": "яма"}, ["query", "q\x00"]),
        ("/api/v1/reports/map.geojson", {"q": "\x00"}, ["query", "q"]),
        ("/api/v1/territory/municipalities", {"region": "x\x00"}, ["query", "region"]),
        ("/api/v1/territory/municipalities/sur%00gut/boundary", {}, ["path", "slug"]),
    ],
)
def test_a_nul_in_the_query_or_the_path_is_422(client, url, query, loc):
    response = client.get(url, query)
    assert _locs(response) == [loc]
    assert response.json()["detail"][0]["type"] == "string_nul"
    assert "NUL" in response.json()["detail"][0]["msg"]


@pytest.fixture
def author(db):
    return ApiTokenFactory()


def test_a_nul_in_a_form_field_files_nothing(client, author):
    data = {"topic_id": 1, "text": "Яма\x00", "lat": 61.25, "lon": 73.4}
    response = client.post("/api/v1/reports/", data, **bearer(author.plain_key))
    assert _locs(response) == [["form", "text"]]
    assert not Report.objects.exists()


def test_a_nul_in_a_json_string_changes_nothing(client):
    report = RoutedReportFactory()
    token = ApiTokenFactory(user=report.author)
    entries = TimelineEntry.objects.count()
    body = json.dumps({"confirm": False, "rating": 2, "reason": "плохо\x00"})
    response = client.post(
        f"/api/v1/reports/{report.pk}/review",
        body,
        content_type="application/json",
        **bearer(token.plain_key),
    )
    assert _locs(response) == [["body", "reason"]]
    assert TimelineEntry.objects.count() == entries
    report.refresh_from_db()
    assert report.status == "routed"


def test_a_nul_answers_in_english_when_asked(client):
    response = client.get("/api/v1/reports/", {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"][0]["msg"] == (
        "The text contains the NUL character, which is not allowed."
    )


@pytest.mark.parametrize("debug", [False, True])
def test_multipart_without_a_boundary_is_400(client, author, debug):
    with override_settings(DEBUG=debug):
        response = client.post(
            "/api/v1/reports/",
            b"--x\r\nContent-Disposition: form-data; name=text\r\n\r\nyes\r\n--x--\r\n",
            content_type="multipart/form-data",
            **bearer(author.plain_key),
        )
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "multipart" in response.json()["detail"]
    assert not Report.objects.exists()


@pytest.mark.parametrize("until", ["0", "1700000000", "2026-01-01T00:00:00"])
def test_a_date_is_only_yyyy_mm_dd(client, until):
    response = client.get("/api/v1/reports/map.geojson", {"until": until})
    assert _locs(response) == [["query", "until"]]


def test_a_public_report_still_refuses_a_key_that_does_not_work(client):
    report = RoutedReportFactory()
    assert client.get(f"/api/v1/reports/{report.pk}").status_code == 200
    response = client.get(f"/api/v1/reports/{report.pk}", **bearer("vch_not-a-key"))
    assert response.status_code == 401
