"""OPERATOR_FILINGS_SKIP_MODERATION: a contact-centre operator's filing is published and routed
at once when the setting is on (off by default); nobody else's filing skips moderation."""

import pytest

from veche.reports.models import Channel, Report, Status
from veche.reports.services import report_submit
from veche.territory.tests.factories import SettlementFactory

from .conftest import point_in


def operator_files(world, **extra):
    return report_submit(
        author=world.author,
        filed_by=world.operator,
        topic=world.topic,
        text="Яма во дворе",
        channel=Channel.OPERATOR,
        **point_in(world.surgut),
        **extra,
    )


def test_an_operators_filing_awaits_moderation_by_default(world):
    assert operator_files(world).status == Status.SUBMITTED


def test_with_the_setting_an_operators_filing_is_routed_at_once(world, settings):
    settings.OPERATOR_FILINGS_SKIP_MODERATION = True
    report = operator_files(world)
    assert report.status == Status.ROUTED and report.agency == world.surgut_admin
    assert report.timeline.filter(status_to=Status.ROUTED, actor=world.operator).exists()


def test_a_residents_own_filing_never_skips_moderation(world, settings):
    settings.OPERATOR_FILINGS_SKIP_MODERATION = True
    report = report_submit(
        author=world.author,
        topic=world.topic,
        text="Яма",
        channel=Channel.OPERATOR,  # even claiming the channel
        skip_moderation=True,
        **point_in(world.surgut),
    )
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize("setting", [False, True])
def test_without_an_agency_for_the_place_a_trusted_filing_waits_for_a_moderator(
    world, settings, setting
):
    settings.OPERATOR_FILINGS_SKIP_MODERATION = True
    world.surgut_admin.is_active = setting  # no routing rule; the administration is the fallback
    world.surgut_admin.save()
    report = operator_files(world)
    assert report.status == (Status.ROUTED if setting else Status.SUBMITTED)


@pytest.mark.parametrize("skip, words", [(False, "ожидает модерации"), (True, "направлено")])
def test_the_operator_is_told_what_became_of_the_filing(client, world, settings, skip, words):
    settings.OPERATOR_FILINGS_SKIP_MODERATION = skip
    client.force_login(world.operator)
    response = client.post(
        "/workspace/reports/new/",
        {
            "resident": world.author.email,
            "topic": world.topic.pk,
            "text": "Яма во дворе",
            "settlement": SettlementFactory(municipality=world.surgut).pk,
            "address": "ул. Сибирская, 3",
            "client_token": "call-1",
        },
        follow=True,
    )
    report = Report.objects.get()
    assert report.status == (Status.ROUTED if skip else Status.SUBMITTED)
    assert words in response.content.decode()
