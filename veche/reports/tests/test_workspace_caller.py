"""A caller without an account: the operator files for him, an account without a password is made
in the same transaction, he is told by SMS or e-mail, and he claims it later (the password reset
link confirms his address), then sees the report in his cabinet and rates the answer."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import transaction

from veche.accounts.models import User
from veche.core import sms
from veche.reports.models import Answer, Report
from veche.reports.services import report_answer, report_file_for_caller, report_publish
from veche.territory.tests.factories import SettlementFactory

URL = "/workspace/reports/new/"


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def operator(client, world):
    client.force_login(world.operator)
    return client


@pytest.fixture
def settlement(world):
    return SettlementFactory(municipality=world.surgut, name="Солнечный")


def form(world, settlement, **extra) -> dict:
    return {
        "topic": world.topic.pk,
        "text": "Не горит фонарь у дома 5.",
        "settlement": settlement.pk,
        "address": "ул. Мира, 5",
        "client_token": "call-7",
        **extra,
    }


def test_a_caller_with_an_email_gets_an_account_and_a_letter(operator, world, settlement):
    response = operator.post(
        URL,
        form(world, settlement, resident="Ivan.Petrov@Mail.ru", first_name="Иван", last_name=""),
        follow=True,
    )
    report = Report.objects.get()
    caller = report.author
    assert caller.email == "ivan.petrov@mail.ru" and caller.first_name == "Иван"
    assert caller.email_confirmed_at is None and caller.has_usable_password()
    assert report.filed_by == world.operator
    html = response.content.decode()
    assert f"Сообщение № {report.pk} подано от имени" in html
    assert "Для заявителя создана учётная запись" in html
    (letter,) = [m for m in mail.outbox if m.to == ["ivan.petrov@mail.ru"]]
    assert str(report.pk) in letter.subject
    assert "/accounts/password/reset/" in letter.body
    assert not sms.outbox


def test_a_caller_with_only_a_phone_gets_an_account_and_an_sms(operator, world, settlement):
    operator.post(URL, form(world, settlement, resident="8 (922) 111-22-33"))
    report = Report.objects.get()
    caller = report.author
    assert caller.phone == "+79221112233" and caller.first_name == "Житель"
    assert caller.email.endswith("@callers.veche.invalid")
    (message,) = sms.outbox
    assert message.phone == "+79221112233" and f"№ {report.pk}" in message.text
    # He has no mailbox: the text sends him to the claim by phone.
    assert message.text.endswith(f"{settings.SITE_URL}/verification/claim/")
    # The reserved domain never receives mail (the moderators' notices go to them alone).
    assert not [m for m in mail.outbox if caller.email in m.to]


def test_a_second_call_finds_the_account_made_by_the_first(operator, world, settlement):
    operator.post(URL, form(world, settlement, resident="+79221112233"))
    operator.post(URL, form(world, settlement, resident="8 922 111 22 33", client_token="call-8"))
    assert Report.objects.count() == 2
    assert len({r.author_id for r in Report.objects.all()}) == 1
    assert len(sms.outbox) == 1  # told once, when the account was made


def test_a_refused_report_leaves_no_account_and_no_message(db_tasks, world, settlement):
    world.topic.is_open = False
    world.topic.save()
    users = User.objects.count()
    with pytest.raises(Exception):  # noqa: B017,PT011 - the service's ValidationError
        report_file_for_caller(
            operator=world.operator,
            caller=None,
            email="new.caller@mail.ru",
            topic=world.topic,
            text="Яма.",
            lat=settlement.centre_lat,
            lon=settlement.centre_lon,
        )
    assert User.objects.count() == users and not Report.objects.exists()
    assert db_tasks.count() == 0


def test_the_message_is_a_task_in_the_same_transaction(db_tasks, world, settlement):
    class Abort(Exception):
        pass

    kwargs = {
        "operator": world.operator,
        "caller": None,
        "phone": "+79221112233",
        "topic": world.topic,
        "text": "Яма.",
        "lat": settlement.centre_lat,
        "lon": settlement.centre_lon,
    }
    with pytest.raises(Abort), transaction.atomic():
        report_file_for_caller(**kwargs)
        raise Abort
    assert db_tasks.filter(task_path__endswith="tell_caller").count() == 0
    report, created = report_file_for_caller(**kwargs)
    assert created
    assert db_tasks.filter(task_path__endswith="tell_caller").count() == 1


def test_only_operators_file_for_callers(world, settlement):
    with pytest.raises(Exception, match="операторы"):
        report_file_for_caller(
            operator=world.moderator,
            caller=None,
            email="x@mail.ru",
            topic=world.topic,
            text="Яма.",
            lat=settlement.centre_lat,
            lon=settlement.centre_lon,
        )
    assert not User.objects.filter(email="x@mail.ru").exists()


def test_the_caller_claims_the_account_sees_the_report_and_rates_the_answer(
    client, operator, world, settlement
):
    operator.post(URL, form(world, settlement, resident="anna.k@mail.ru", first_name="Анна"))
    report = Report.objects.get()
    report_publish(moderator=world.moderator, report=report)
    report_answer(official=world.official, report=report, kind="resolved", text="Заменили лампу.")
    mail.outbox.clear()
    operator.logout()

    # The claim: a password reset to the address, whose link also confirms it.
    client.post("/accounts/password/reset/", {"email": "anna.k@mail.ru"})
    link = re.search(r"/accounts/password/reset/[^/\s]+/[^/\s]+/", mail.outbox[-1].body).group(0)
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Severnoe-Siyanie-42", "new_password2": "Severnoe-Siyanie-42"},
    )
    caller = User.objects.get(email="anna.k@mail.ru")
    assert caller.email_confirmed_at is not None
    client.force_login(caller)
    assert f"№ {report.pk}" in client.get("/accounts/cabinet/").content.decode()
    response = client.post(
        f"/api/v1/reports/{report.pk}/review",
        {"confirm": True, "rating": 5},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Answer.objects.get(report=report).rating == 5


def test_a_caller_with_only_a_phone_claims_by_sms_sees_the_report_and_rates_it(
    client, operator, world, settlement
):
    operator.post(URL, form(world, settlement, resident="8 (922) 111-22-33"))
    report = Report.objects.get()
    report_publish(moderator=world.moderator, report=report)
    report_answer(official=world.official, report=report, kind="resolved", text="Заменили лампу.")
    operator.logout()
    cache.clear()

    # The claim: his number, the code from the SMS, a password — and he is in.
    claim = re.search(r"https?://\S+/verification/claim/", sms.outbox[0].text).group(0)
    client.post(claim.removeprefix(settings.SITE_URL), {"phone": "+7 922 111 22 33"})
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1].text).group(1)
    response = client.post(
        "/verification/claim/code/",
        {"code": code, "password1": "Severnoe-Siyanie-42", "password2": "Severnoe-Siyanie-42"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/accounts/cabinet/"
    assert f"№ {report.pk}" in response.content.decode()
    response = client.post(
        f"/api/v1/reports/{report.pk}/review",
        {"confirm": True, "rating": 4},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Answer.objects.get(report=report).rating == 4
    # He logs in later with the phone; no letter ever goes to his reserved address.
    client.logout()
    login = client.post(
        "/accounts/login/", {"username": "89221112233", "password": "Severnoe-Siyanie-42"}
    )
    assert login.status_code == 302
    assert not [m for m in mail.outbox if report.author.email in m.to]
