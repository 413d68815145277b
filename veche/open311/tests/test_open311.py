"""Open311 GeoReport v2 as the specification names and shapes it, in XML and JSON."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from veche.open311.services import integration_key_create
from veche.reports.models import Channel, Report, Status
from veche.reports.services import report_answer
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory, TopicAttributeFactory
from veche.reports.tests.images import exif_of, jpeg_with_gps

BASE = "/open311/v2"


@pytest.fixture
def key(world):
    return integration_key_create(name="Городское приложение")[1]


def xml(response) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def post_request(client, world, key, **extra):
    data = {
        "api_key": key,
        "service_code": world.topic.service_code,
        "lat": str(world.surgut.centre_lat),
        "long": str(world.surgut.centre_lon),
        "description": "Яма на дороге",
        "email": "new.resident@example.org",
        "first_name": "Пётр",
        **extra,
    }
    return client.post(f"{BASE}/requests.json", data)


def test_discovery_in_both_formats(client, db):
    body = client.get(f"{BASE}/discovery.json").json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == [
        "text/xml",
        "application/json",
    ]


def test_service_list_names_and_types(client, world):
    TopicAttributeFactory(topic=world.topic, code="where")
    services = client.get(f"{BASE}/services.json").json()
    assert isinstance(services, list)
    ours = next(s for s in services if s["service_code"] == world.topic.service_code)
    assert set(ours) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert ours["metadata"] is True and ours["type"] == "realtime"
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services" and root[0].tag == "service"
    assert root[0].find("metadata").text == "true"


def test_service_definition_with_a_list_attribute(client, world):
    TopicAttributeFactory(topic=world.topic, code="where")
    for path in ("services", "service"):
        body = client.get(f"{BASE}/{path}/{world.topic.service_code}.json").json()
        attribute = body["attributes"][0]
        assert body["service_code"] == world.topic.service_code
        assert attribute["variable"] is True and attribute["required"] is True
        assert attribute["datatype"] == "singlevaluelist"
        assert {"key": "road", "name": "Проезжая часть"} in attribute["values"]
    root = xml(client.get(f"{BASE}/services/{world.topic.service_code}.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key").text == "road"


def test_unknown_service_is_a_404_error_body(client, db):
    response = client.get(f"{BASE}/services/nothing.xml")
    assert response.status_code == 404
    root = xml(response)
    assert root.tag == "errors" and root.find("error/code").text == "404"
    body = client.get(f"{BASE}/services/nothing.json").json()
    assert body[0]["code"] == 404 and body[0]["description"]


def test_post_files_a_report_for_the_resident_named_by_email(client, world, key):
    response = post_request(client, world, key)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body[0]) == {"service_request_id", "service_notice", "account_id"}
    report = Report.objects.get(pk=int(body[0]["service_request_id"]))
    assert report.channel == Channel.OPEN311 and report.status == Status.SUBMITTED
    assert report.author.email == "new.resident@example.org"
    assert report.filed_by.email.endswith("integrations.veche.invalid")


def test_post_takes_the_api_key_from_the_query_and_uploads_media(client, world, key):
    response = client.post(
        f"{BASE}/requests.xml?api_key={key}&jurisdiction_id=",
        {
            "service_code": world.topic.service_code,
            "lat": world.surgut.centre_lat,
            "long": world.surgut.centre_lon,
            "description": "Фото ямы",
            "media": jpeg_with_gps(),
        },
    )
    assert response.status_code == 200, response.content
    request_id = xml(response).find("request/service_request_id").text
    media = Report.objects.get(pk=int(request_id)).media.get()
    assert exif_of(media.file.read()) == {}


@pytest.mark.parametrize(
    "change, status",
    [
        ({"api_key": "wrong"}, 403),
        ({"api_key": ""}, 403),
        ({"service_code": "nothing"}, 404),
        ({"service_code": ""}, 400),
        ({"lat": ""}, 400),
        ({"description": "x" * 4001}, 400),
    ],
)
def test_post_errors(client, world, key, change, status):
    response = post_request(client, world, key, **change)
    assert response.status_code == status
    assert response.json()[0]["code"] == status
    assert not Report.objects.exists()


def test_post_required_attribute_and_point_outside_region_are_400(client, world, key):
    TopicAttributeFactory(topic=world.topic, code="where")
    assert post_request(client, world, key).status_code == 400
    good = post_request(client, world, key, **{"attribute[where]": "road"})
    assert good.status_code == 200
    far = post_request(client, world, key, lat="10", long="10", **{"attribute[where]": "road"})
    assert far.status_code == 400 and "за пределами региона" in far.json()[0]["description"]


def test_get_requests_with_every_field_and_filter(client, world):
    open_report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, topic=world.topic
    )
    closed = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_answer(official=world.official, report=closed, kind="resolved", text="Готово")
    ReportFactory(municipality=world.surgut)  # awaiting moderation: not public

    everything = client.get(f"{BASE}/requests.json").json()
    assert {r["service_request_id"] for r in everything} == {str(open_report.pk), str(closed.pk)}
    item = next(r for r in everything if r["service_request_id"] == str(open_report.pk))
    assert set(item) == {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    }
    assert isinstance(item["lat"], float) and item["status"] == "open"
    assert item["expected_datetime"].endswith("+05:00")

    def ids(**query):
        return {r["service_request_id"] for r in client.get(f"{BASE}/requests.json", query).json()}

    assert ids(status="closed") == {str(closed.pk)}
    assert ids(status="open") == {str(open_report.pk)}
    assert ids(service_code=world.topic.service_code) == {str(open_report.pk)}
    assert ids(service_request_id=f"{closed.pk},999") == {str(closed.pk)}
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert ids(start_date=tomorrow) == set()
    assert ids(page_size="1", page="2") | ids(page_size="1", page="1") == ids()
    root = xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests" and root[0].find("long") is not None
    assert root[0].find("address_id").text is None  # empty values are written <x/>


def test_bad_dates_and_too_long_ranges_are_400(client, db):
    assert client.get(f"{BASE}/requests.json", {"start_date": "yesterday"}).status_code == 400
    response = client.get(
        f"{BASE}/requests.json", {"start_date": "2025-01-01", "end_date": "2025-06-01"}
    )
    assert response.status_code == 400
    lenient = client.get(
        f"{BASE}/requests.json", {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-01-02"}
    )
    assert lenient.status_code == 200


def test_single_request_is_still_a_list_and_unknown_is_404(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    body = client.get(f"{BASE}/requests/{report.pk}.json", {"extensions": "true"}).json()
    assert isinstance(body, list) and body[0]["service_request_id"] == str(report.pk)
    assert "notes" in body[0] and "extended_attributes" in body[0]
    assert client.get(f"{BASE}/requests/999999.xml").status_code == 404


def test_tokens_find_a_request_filed_with_an_idempotency_key(client, world, key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "app-retry-1"}
    first = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": world.topic.service_code,
            "description": "Яма",
            "lat": world.surgut.centre_lat,
            "long": world.surgut.centre_lon,
        },
        **headers,
    ).json()
    again = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": world.topic.service_code,
            "description": "Яма",
            "lat": world.surgut.centre_lat,
            "long": world.surgut.centre_lon,
        },
        **headers,
    ).json()
    assert first[0]["service_request_id"] == again[0]["service_request_id"]
    body = client.get(f"{BASE}/tokens/app-retry-1.json").json()
    assert body == [{"service_request_id": first[0]["service_request_id"], "token": "app-retry-1"}]
    assert client.get(f"{BASE}/tokens/unknown.json").status_code == 404


def test_service_request_updates(client, world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_answer(official=world.official, report=report, kind="resolved", text="Готово")
    root = xml(client.get(f"{BASE}/servicerequestupdates.xml"))
    assert root.tag == "service_request_updates"
    update = root.find("request_update")
    assert {child.tag for child in update} == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
        "external_status_code",
    }
    # FixMyStreet's status words; Veche's own state rides in external_status_code.
    updates = root.findall("request_update")
    assert {u.find("status").text for u in updates} == {"FIXED"}
    assert {u.find("external_status_code").text for u in updates} == {"answered"}


def test_another_jurisdiction_is_not_found(client, db, settings):
    settings.OPEN311_JURISDICTION = "ugra.example"
    assert (
        client.get(f"{BASE}/services.json", {"jurisdiction_id": "ugra.example"}).status_code == 200
    )
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "other"}).status_code == 404


def test_create_api_key_prints_a_working_key_last(client, world):
    out = io.StringIO()
    call_command("create_api_key", "Приложение Урая", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert post_request(client, world, key).status_code == 200
