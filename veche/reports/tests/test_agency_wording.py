"""Agency names in sentences stand in the right case: «направлено в Администрацию города
Сургута» when the accusative is stored, the nominative in a sentence made for it otherwise."""

import pytest
from django.utils import translation

from veche.agencies.demo import accusative
from veche.agencies.services import agency_update
from veche.reports.models import TimelineEntry
from veche.reports.services import report_publish
from veche.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _sent_to_line(report) -> str:
    entry = report.timeline.filter(kind=TimelineEntry.Kind.STATUS).latest("pk")
    with translation.override("ru"):
        return entry.display_text


def test_the_timeline_uses_the_stored_accusative(world):
    agency_update(
        agency=world.surgut_admin,
        name="Администрация города Сургута",
        name_accusative="Администрацию города Сургута",
    )
    report = ReportFactory(municipality=world.surgut)
    report_publish(moderator=world.moderator, report=report)
    assert _sent_to_line(report) == "Направлено в Администрацию города Сургута."


def test_without_the_accusative_the_name_stays_nominative(world):
    agency_update(agency=world.surgut_admin, name="Администрация города Сургута")
    report = ReportFactory(municipality=world.surgut)
    report_publish(moderator=world.moderator, report=report)
    assert _sent_to_line(report) == "Направлено: Администрация города Сургута."


def test_the_moderators_message_and_preview_use_the_case(client, world):
    agency_update(
        agency=world.surgut_admin,
        name="Администрация города Сургута",
        name_accusative="Администрацию города Сургута",
    )
    report = ReportFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    html = client.get(f"/workspace/reports/{report.pk}/").content.decode()
    assert "направит сообщение в <strong>Администрацию города Сургута</strong>" in html
    response = client.post(f"/workspace/reports/{report.pk}/publish/", follow=True)
    assert "направлено в Администрацию города Сургута" in response.content.decode()


def test_without_the_accusative_the_message_says_the_agency(client, world):
    agency_update(agency=world.roads, name_accusative="")
    report = ReportFactory(municipality=world.surgut)
    report_publish(moderator=world.moderator, report=report)
    client.force_login(world.moderator)
    response = client.post(
        f"/workspace/reports/{report.pk}/reroute/", {"agency": world.roads.pk}, follow=True
    )
    assert f"направлено в ведомство «{world.roads.name}»" in response.content.decode()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Администрация города Сургута", "Администрацию города Сургута"),
        ("Служба жилищного надзора Югры", "Службу жилищного надзора Югры"),
        ("Департамент культуры Югры", "Департамент культуры Югры"),
    ],
)
def test_demo_agencies_get_their_accusative(name, expected):
    assert accusative(name) == expected
