"""The second configuration (seed 004): Губкинский, one city okrug of the Yamal-Nenets okrug,
loaded by `seed_demo --config gubkinsky`, works end to end — filing → answer → rating — with its
own agencies, and names the portal from its portal.json."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.reports.models import Report, Status, Topic
from veche.reports.services import (
    report_answer,
    report_confirm,
    report_publish,
    report_submit,
    report_take_into_work,
)
from veche.settings.env import BASE_DIR, load_portal_config
from veche.territory.models import Municipality, Region
from veche.territory.selectors import resolve_point

DATA = BASE_DIR / "veche" / "territory" / "data"


@pytest.fixture
def gubkinsky(db, calendar):
    out = StringIO()
    call_command("seed_demo", config="gubkinsky", stdout=out)
    return out.getvalue()


def test_one_command_loads_one_town_with_its_own_agencies_and_people(gubkinsky):
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Ямало-Ненецкий автономный округ"
    ]
    (town,) = Municipality.objects.all()
    assert (town.name, town.kind) == ("Губкинский", Municipality.Kind.CITY_OKRUG)
    assert resolve_point(lat=64.4333, lon=76.5).municipality == town
    assert Agency.objects.get(administers=town).name == "Администрация города Губкинского"
    assert "Сургут" not in gubkinsky and "official@gubkinsky.demo" in gubkinsky
    assert Report.objects.filter(municipality=town).count() >= 10  # the town's demo year
    before = Report.objects.count()
    call_command("seed_demo", config="gubkinsky", stdout=StringIO())
    assert Report.objects.count() == before


def test_filing_answer_and_rating_in_gubkinsky(gubkinsky):
    resident = User.objects.get(email="resident@gubkinsky.demo")
    moderator = User.objects.get(email="moderator@gubkinsky.demo")
    official = User.objects.get(email="official@gubkinsky.demo")
    report = report_submit(
        author=resident,
        topic=Topic.objects.get(service_code="yard-snow"),
        text="Двор на 5-м микрорайоне не чистят третий день.",
        lat=64.4340,
        lon=76.4950,
        address="мкр. 5, д. 12",
    )
    assert report.municipality.name == "Губкинский"
    report = report_publish(moderator=moderator, report=report)
    assert report.agency.short_name == "Управление ЖКХ"  # the town's own routing rule
    report_take_into_work(official=official, report=report)
    report_answer(official=official, report=report, kind="resolved", text="Двор убран.")
    report = report_confirm(author=resident, report=Report.objects.get(pk=report.pk), rating=5)
    assert report.status == Status.CLOSED
    assert report.answers.get().rating == 5


def test_the_configuration_names_the_portal_and_its_emblem(client, gubkinsky, settings):
    portal = load_portal_config(DATA, "gubkinsky")
    assert portal["PORTAL_NAME"] == "Живём на Севере"
    assert (DATA.parent / "static" / portal["PORTAL_EMBLEM"]).is_file()
    settings.PORTAL_NAME, settings.REGION_NAME = portal["PORTAL_NAME"], portal["REGION_NAME"]
    cache.clear()
    html = client.get(reverse("core:home")).content.decode()
    assert "Живём на Севере" in html and "Губкинский" in html


def test_an_unknown_configuration_is_refused_clearly(db):
    with pytest.raises(CommandError, match="no configuration 'atlantis'"):
        call_command("seed_demo", config="atlantis", stdout=StringIO())
    with pytest.raises(RuntimeError, match="atlantis"):
        load_portal_config(DATA, "atlantis")
