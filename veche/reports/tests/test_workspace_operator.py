"""The contact centre files a report for a caller found by e-mail or phone: on his account,
channel "operator", filed_by the operator; a caller without an account gets one without a
password (test_workspace_caller.py)."""

import pytest
from django.utils import timezone

from veche.reports.models import Channel, Report, Status
from veche.reports.tests.factories import TopicAttributeFactory
from veche.territory.tests.factories import SettlementFactory

URL = "/workspace/reports/new/"


@pytest.fixture
def operator(client, world):
    client.force_login(world.operator)
    return client


@pytest.fixture
def settlement(world):
    return SettlementFactory(municipality=world.surgut, name="Солнечный")


def form(world, settlement, **extra) -> dict:
    return {
        "resident": world.author.email,
        "topic": world.topic.pk,
        "text": "Яма во дворе дома 3, глубокая.",
        "settlement": settlement.pk,
        "address": "ул. Сибирская, 3",
        "lat": "",
        "lon": "",
        "client_token": "call-1",
        **extra,
    }


def test_the_form_offers_open_topics_and_settlements(operator, world, settlement):
    closed = type(world.topic).objects.create(
        category=world.topic.category, name="Архивная тема", service_code="old", is_open=False
    )
    html = operator.get(URL).content.decode()
    assert world.topic.name in html and "Солнечный" in html
    assert closed.name not in html
    assert 'name="client_token"' in html


@pytest.mark.parametrize("contact", ["email", "EMAIL", "phone"])
def test_files_for_a_resident_found_by_email_or_phone(operator, world, settlement, contact):
    value = {
        "email": world.author.email,
        "EMAIL": world.author.email.upper(),
        # The same number as stored (+7912…), written as people say it.
        "phone": "8 (" + world.author.phone[2:5] + ") " + world.author.phone[5:],
    }[contact]
    response = operator.post(URL, form(world, settlement, resident=value), follow=True)
    report = Report.objects.get()
    assert f"Сообщение № {report.pk} подано от имени" in response.content.decode()
    assert report.author == world.author and report.filed_by == world.operator
    assert report.channel == Channel.OPERATOR and report.status == Status.SUBMITTED
    assert report.municipality == world.surgut and report.settlement == settlement
    # No coordinates given: the settlement's centre.
    assert (report.lat, report.lon) == (settlement.centre_lat, settlement.centre_lon)
    assert report.timeline.get().actor == world.operator


def test_files_at_the_given_coordinates(operator, world, settlement):
    lat, lon = world.surgut.centre_lat + 0.1, world.surgut.centre_lon - 0.1
    operator.post(URL, form(world, settlement, lat=str(lat), lon=str(lon)))
    report = Report.objects.get()
    assert (report.lat, report.lon) == (lat, lon) and report.municipality == world.surgut


def test_a_retried_submission_files_once(operator, world, settlement):
    operator.post(URL, form(world, settlement))
    operator.post(URL, form(world, settlement))
    assert Report.objects.count() == 1


def test_a_contact_that_is_neither_email_nor_phone(operator, world, settlement):
    response = operator.post(URL, form(world, settlement, resident="not a contact"))
    assert response.status_code == 400
    assert "Укажите адрес почты или российский мобильный номер" in response.content.decode()
    assert not Report.objects.exists()


def test_a_closed_account_is_not_found(operator, world, settlement):
    world.author.deleted_at = timezone.now()
    world.author.save()
    users = type(world.author).objects.count()
    response = operator.post(URL, form(world, settlement))
    assert response.status_code == 400 and not Report.objects.exists()
    assert "Учётная запись с этой почтой или телефоном закрыта." in response.content.decode()
    assert type(world.author).objects.count() == users


def test_the_place_must_be_complete_and_in_the_region(operator, world, settlement):
    response = operator.post(URL, form(world, settlement, lat="61.2"))
    assert "Укажите и широту, и долготу или ни то ни другое." in response.content.decode()
    response = operator.post(URL, form(world, settlement, lat="10", lon="10"))
    assert response.status_code == 400
    assert "Это место находится за пределами региона." in response.content.decode()
    assert not Report.objects.exists()


def test_the_topics_extra_questions_are_asked_once_it_is_chosen(operator, world, settlement):
    attribute = TopicAttributeFactory(topic=world.topic, code="where")
    assert attribute.description not in operator.get(URL).content.decode()
    response = operator.post(URL, form(world, settlement))
    assert response.status_code == 400
    html = response.content.decode()
    assert attribute.description in html and "Ответьте на вопрос «Где находится яма?»." in html
    assert not Report.objects.exists()
    operator.post(URL, form(world, settlement, attr_where="walk"))
    assert Report.objects.get().attributes == {"where": "walk"}


@pytest.mark.parametrize("who", ["author", "moderator", "official"])
def test_only_operators_file_for_others(client, world, settlement, who):
    client.force_login(getattr(world, who))
    response = client.post(URL, form(world, settlement))
    assert response.status_code == 403
    assert not Report.objects.exists()
