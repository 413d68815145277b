"""Characters XML 1.0 forbids never reach an Open311 document: stripped at input by every
channel (clean_text in the reports services), stripped at output for rows stored before."""

import json
import xml.etree.ElementTree as ET

import pytest

from veche.open311.formats import render
from veche.open311.services import integration_key_create
from veche.reports.models import Report, TimelineEntry
from veche.reports.services import report_answer
from veche.reports.tests.factories import RoutedReportFactory

BASE = "/open311/v2"
FORBIDDEN = "".join(chr(c) for c in (0, *range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)))


@pytest.fixture
def old_rows(world):
    """A published report, its answer and an update written straight to the database, as rows
    stored before input was cleaned."""
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, topic=world.topic
    )
    report_answer(official=world.official, report=report, kind="resolved", text="Готово")
    dirty = "Яма\x01 у дома\x08\x0b\x1f\ufffe\uffff"
    Report.objects.filter(pk=report.pk).update(
        text=dirty, address="ул.\x0c Мира", attributes={"where\x02": "road\x03"}
    )
    TimelineEntry.objects.filter(report=report).update(text=dirty)
    report.answers.update(text=dirty)
    return report


@pytest.mark.parametrize(
    "path",
    [
        "requests.xml",
        "requests.xml?extensions=true",
        "requests/{pk}.xml?extensions=true",
        "servicerequestupdates.xml",
    ],
)
def test_a_stored_control_character_still_yields_parseable_xml(client, old_rows, path):
    response = client.get(f"{BASE}/{path.format(pk=old_rows.pk)}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raised "not well-formed" before
    assert "Яма у дома" in ET.tostring(root, encoding="unicode")


def test_json_carries_the_same_clean_text(client, old_rows):
    body = client.get(f"{BASE}/requests/{old_rows.pk}.json").json()[0]
    assert body["description"] == "Яма у дома" and body["address"] == "ул. Мира"


def test_a_lone_surrogate_is_dropped_in_both_formats():
    payload = [{"description": "a\ud800b\udfffc"}]
    assert json.loads(render("json", "service_requests", payload).content) == [
        {"description": "abc"}
    ]
    root = ET.fromstring(render("xml", "service_requests", payload).content)
    assert root.find("request/description").text == "abc"


def test_open311_post_strips_them_at_input(client, world):
    key = integration_key_create(name="Городское приложение")[1]
    response = client.post(
        f"{BASE}/requests.xml",
        {
            "api_key": key,
            "service_code": world.topic.service_code,
            "lat": world.surgut.centre_lat,
            "long": world.surgut.centre_lon,
            "description": f"Яма{FORBIDDEN[1:]} у дома",
            "address_string": "ул.\x1b Мира",
            "email": "new@example.org",
            "first_name": "Пётр\x07",
        },
    )
    assert response.status_code == 200, response.content
    report = Report.objects.get()
    assert (report.text, report.address) == ("Яма у дома", "ул. Мира")
    assert report.author.first_name == "Пётр"
