"""A request awaiting moderation shows its number and that it is open, nothing more: anyone may
enumerate ids, and the place, words and photos are not public until a moderator publishes them."""

import xml.etree.ElementTree as ET

import pytest

from veche.reports.models import ReportMedia, Status
from veche.reports.services import report_publish, report_reject
from veche.reports.tests.factories import ReportFactory

BASE = "/open311/v2"
SECRET_POINT = (61.2541234, 73.3962345)


@pytest.fixture
def awaiting(world):
    report = ReportFactory(
        municipality=world.surgut,
        topic=world.topic,
        text="Мой телефон 89120000000",
        address="ул. Ленина, 5, кв. 12",
        lat=SECRET_POINT[0],
        lon=SECRET_POINT[1],
        attributes={"where": "звонить 8912"},
    )
    ReportMedia.objects.create(
        report=report, kind="photo", file="reports/secret.jpg", content_type="image/jpeg", size=1
    )
    assert report.status == Status.SUBMITTED
    return report


@pytest.mark.parametrize("extensions", ["", "true"])
def test_unpublished_request_shows_only_its_id_and_status_in_json(client, awaiting, extensions):
    response = client.get(f"{BASE}/requests/{awaiting.pk}.json", {"extensions": extensions})
    assert response.status_code == 200
    assert response.json() == [{"service_request_id": str(awaiting.pk), "status": "open"}]


def test_unpublished_request_shows_only_its_id_and_status_in_xml(client, awaiting):
    response = client.get(f"{BASE}/requests/{awaiting.pk}.xml?extensions=true")
    request = ET.fromstring(response.content).find("request")
    assert {child.tag for child in request} == {"service_request_id", "status"}
    for secret in ("61.254", "73.396", "8912", "Ленина", "secret.jpg"):
        assert secret not in response.content.decode()


def test_published_request_shows_everything(client, world, awaiting):
    report_publish(moderator=world.moderator, report=awaiting)
    body = client.get(f"{BASE}/requests/{awaiting.pk}.json?extensions=true").json()[0]
    assert body["lat"] == SECRET_POINT[0] and body["address"] == "ул. Ленина, 5, кв. 12"
    assert body["media_url"].endswith("secret.jpg") and body["attributes"]


def test_rejected_request_is_not_found(client, world, awaiting):
    report_reject(moderator=world.moderator, report=awaiting, reason=world.reason)
    assert client.get(f"{BASE}/requests/{awaiting.pk}.json").status_code == 404


def test_unpublished_requests_are_not_listed(client, awaiting):
    assert client.get(f"{BASE}/requests.json", {"service_request_id": awaiting.pk}).json() == []
