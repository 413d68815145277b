"""Whatever a client sends, Open311 answers with its own error body and a 4xx, never a 500, and
files nothing."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from veche.open311.services import integration_key_create
from veche.reports.models import Report

BASE = "/open311/v2"
LONG_DIGITS = "9" * 5000
TEXT_PARAMS = [
    "description",
    "address_string",
    "first_name",
    "last_name",
    "email",
    "service_code",
    "api_key",
    "jurisdiction_id",
    "attribute[where]",
]


@pytest.fixture
def client(client):
    client.raise_request_exception = True  # a 500 fails the test with its traceback
    return client


@pytest.fixture
def key(world):
    return integration_key_create(name="Городское приложение")[1]


def good_request(world, key, **change) -> dict:
    return {
        "api_key": key,
        "service_code": world.topic.service_code,
        "lat": str(world.surgut.centre_lat),
        "long": str(world.surgut.centre_lon),
        "description": "Яма на дороге",
        "email": "new.resident@example.org",
        **change,
    }


def assert_error(response, status: int | tuple[int, ...]) -> None:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, response.content
    if response["Content-Type"].startswith("text/xml"):
        error = ET.fromstring(response.content).find("error")
        assert int(error.find("code").text) == response.status_code
        assert error.find("description").text
    else:
        body = json.loads(response.content)
        assert body[0]["code"] == response.status_code and body[0]["description"]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("name", TEXT_PARAMS)
def test_nul_in_a_post_parameter_is_400_and_files_nothing(client, world, key, fmt, name):
    data = good_request(world, key, **{name: "Яма\x00на дороге"})
    assert_error(client.post(f"{BASE}/requests.{fmt}", data), 400)
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    "path, name",
    [
        ("requests", "service_code"),
        ("requests", "status"),
        ("requests", "start_date"),
        ("requests", "service_request_id"),
        ("requests", "jurisdiction_id"),
        ("services", "jurisdiction_id"),
        ("discovery", "anything"),
        ("servicerequestupdates", "end_date"),
    ],
)
def test_nul_in_a_get_parameter_is_400(client, db, fmt, path, name):
    assert_error(client.get(f"{BASE}/{path}.{fmt}", {name: "open\x00"}), 400)


def test_nul_in_a_parameter_name_is_400(client, db):
    assert_error(client.get(f"{BASE}/requests.json?a%00b=1"), 400)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": "9999-12-31"},
        {"end_date": "0001-01-01"},
        {"start_date": "0001-01-01", "end_date": "0001-01-02"},
        {"start_date": "9999-12-31T23:59:59-12:00"},
        {"end_date": "0001-01-01T00:00:00+14:00"},
        {"start_date": "1899-12-31"},
        {"start_date": "3000-01-01"},
    ],
)
@pytest.mark.parametrize("path", ["requests", "servicerequestupdates"])
def test_out_of_range_dates_are_400(client, db, fmt, dates, path):
    assert_error(client.get(f"{BASE}/{path}.{fmt}", dates), 400)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(
    "query",
    [
        {"service_request_id": "١٢٣"},
        {"service_request_id": "１２"},
        {"service_request_id": f"1,{LONG_DIGITS}"},
        {"service_request_id": "99999999999999999999"},
        {"service_request_id": "-1"},
        {"page": "١٢٣"},
        {"page": "１２"},
        {"page": LONG_DIGITS},
        {"page_size": LONG_DIGITS},
        {"page_size": "٥"},
        {"page": "0"},
    ],
)
def test_unicode_digits_and_huge_numbers_are_400(client, db, fmt, query):
    assert_error(client.get(f"{BASE}/requests.{fmt}", query), 400)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_5000_digit_request_id_in_the_path_is_404(client, db, fmt):
    assert_error(client.get(f"{BASE}/requests/{LONG_DIGITS}.{fmt}"), 404)
    assert_error(client.get(f"{BASE}/requests/١٢٣.{fmt}"), 404)


@pytest.mark.parametrize(
    "change",
    [
        {"lat": "٦١"},
        {"long": "７３"},
        {"lat": LONG_DIGITS},
        {"long": "1e400"},
        {"lat": "nan"},
        {"long": "inf"},
        {"lat": "91"},
        {"long": "-180.5"},
        {"lat": "61,25"},
    ],
)
def test_bad_coordinates_are_400_and_file_nothing(client, world, key, change):
    assert_error(client.post(f"{BASE}/requests.json", good_request(world, key, **change)), 400)
    assert not Report.objects.exists()


def test_an_email_over_254_characters_is_400(client, world, key):
    email = "a" * 64 + "@" + "b" * 190 + ".org"
    assert len(email) > 254
    data = good_request(world, key, email=email)
    assert_error(client.post(f"{BASE}/requests.xml", data), 400)
    assert not Report.objects.exists()


def test_an_invalid_email_is_400(client, world, key):
    data = good_request(world, key, email="not an address")
    assert_error(client.post(f"{BASE}/requests.json", data), 400)
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_an_idempotency_key_over_64_characters_is_400(client, world, key, fmt):
    response = client.post(
        f"{BASE}/requests.{fmt}", good_request(world, key), HTTP_IDEMPOTENCY_KEY="k" * 65
    )
    assert_error(response, 400)
    assert not Report.objects.exists()
    ok = client.post(
        f"{BASE}/requests.{fmt}", good_request(world, key), HTTP_IDEMPOTENCY_KEY="k" * 64
    )
    assert ok.status_code == 200 and Report.objects.get().client_token == "k" * 64


def test_multipart_without_a_boundary_is_400(client, db):
    response = client.generic(
        "POST", f"{BASE}/requests.xml", b"x=1", content_type="multipart/form-data"
    )
    assert_error(response, 400)


def test_a_long_token_is_not_found(client, db):
    assert_error(client.get(f"{BASE}/tokens/{'t' * 5000}.json"), 404)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("path", ["discovery", "services", "requests/1", "servicerequestupdates"])
def test_a_post_to_a_read_only_endpoint_is_a_405_error_body_even_without_csrf(db, fmt, path):
    client = Client(enforce_csrf_checks=True, raise_request_exception=True)
    response = client.post(f"{BASE}/{path}.{fmt}", {"x": "1"})
    assert_error(response, 405)
    assert response["Allow"] == "GET"
    assert_error(client.post(f"{BASE}/no/such/thing.{fmt}"), 404)
