"""A trusted key's requests skip pre-moderation: published and routed at once through the
reports services, still open to a moderator's redaction. Other keys wait for a moderator."""

import io

import pytest
from django.core.management import call_command

from veche.api.models import ApiToken
from veche.api.services import api_token_create
from veche.open311.services import integration_key_create
from veche.reports.models import Report, Status, TimelineEntry
from veche.reports.services import report_redact

BASE = "/open311/v2"


def post(client, world, key, **extra):
    data = {
        "api_key": key,
        "service_code": world.topic.service_code,
        "lat": str(world.surgut.centre_lat),
        "long": str(world.surgut.centre_lon),
        "description": "Яма на дороге, звонить 89120000000",
        "email": "new.resident@example.org",
        **extra,
    }
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == 200, response.content
    return Report.objects.get(pk=int(response.json()[0]["service_request_id"]))


@pytest.mark.parametrize("with_email", [True, False])
def test_a_trusted_keys_request_is_published_and_routed_at_once(client, world, with_email):
    token, key = integration_key_create(name="Контакт-центр региона", trusted=True)
    report = post(client, world, key, **({} if with_email else {"email": ""}))
    assert report.status == Status.ROUTED and report.agency == world.surgut_admin
    assert report.due_at is not None and report.routed_at is not None
    statuses = report.timeline.filter(kind=TimelineEntry.Kind.STATUS)
    assert [e.status_to for e in statuses.order_by("pk")] == [Status.SUBMITTED, Status.ROUTED]
    assert {e.actor for e in statuses} == {token.user}
    listed = client.get(f"{BASE}/requests/{report.pk}.json").json()[0]
    assert listed["description"].startswith("Яма") and listed["lat"] == report.lat
    report_redact(moderator=world.moderator, report=report, text="Яма на дороге")
    assert Report.objects.get(pk=report.pk).text == "Яма на дороге"


def test_an_untrusted_keys_request_awaits_moderation(client, world):
    key = integration_key_create(name="Городское приложение")[1]
    report = post(client, world, key)
    assert report.status == Status.SUBMITTED and report.agency is None


def test_a_trusted_key_of_an_ordinary_account_still_awaits_moderation(client, world):
    # Trust publishes only what an account that files for others sends (integration, operator).
    key = api_token_create(user=world.author, name="Своё", created_by=None, trusted=True)[1]
    report = post(client, world, key, email="")
    assert report.author == world.author and report.status == Status.SUBMITTED


def test_create_api_key_trusted(client, world):
    out = io.StringIO()
    call_command("create_api_key", "Контакт-центр", "--trusted", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert ApiToken.objects.get(name="Контакт-центр").trusted is True
    assert post(client, world, key).status == Status.ROUTED
    call_command("create_api_key", "Приложение", stdout=io.StringIO())
    assert ApiToken.objects.get(name="Приложение").trusted is False
