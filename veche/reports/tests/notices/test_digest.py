"""`manage.py notify_digest`: one letter per official per day listing his agency's open reports."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from veche.agencies.tests.factories import AgencyFactory
from veche.notifications.models import Notification, Preference
from veche.notifications.tests.factories import PreferenceFactory
from veche.reports.models import Status
from veche.reports.tests.factories import RoutedReportFactory
from veche.workdays.calendar import end_of_day

from .factories import agency_head, official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("calendar")]

YUGRA = ZoneInfo("Asia/Yekaterinburg")


def at(*args) -> time_machine.travel:
    return time_machine.travel(datetime(*args, tzinfo=YUGRA), tick=False)


def digest() -> str:
    out = StringIO()
    call_command("notify_digest", stdout=out)
    return out.getvalue()


@pytest.fixture
def agency_reports():
    with at(2025, 3, 3, 9, 0):
        overdue = RoutedReportFactory(
            status=Status.IN_PROGRESS, due_at=end_of_day(date(2025, 3, 7)), address="ул. Мира, 1"
        )
        agency = overdue.agency
        soon = RoutedReportFactory(
            agency=agency, municipality=overdue.municipality, due_at=end_of_day(date(2025, 3, 12))
        )
        new = RoutedReportFactory(
            agency=agency, municipality=overdue.municipality, due_at=end_of_day(date(2025, 3, 24))
        )
        RoutedReportFactory(
            agency=agency, municipality=overdue.municipality, status=Status.ANSWERED
        )
    return agency, overdue, soon, new


def test_each_official_gets_one_digest_a_day(agency_reports):
    agency, overdue, soon, new = agency_reports
    worker, head = official(agency), agency_head(agency)
    stranger = official(AgencyFactory())  # an agency with nothing open: no letter

    with at(2025, 3, 11, 7, 0):
        assert digest() == "digests: 2\n"
        assert digest() == "digests: 0\n"
    with at(2025, 3, 11, 23, 30):  # still the same day in Yugra
        assert digest() == "digests: 0\n"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([worker.email, head.email])
    assert not any(m.to == [stranger.email] for m in mail.outbox)

    with at(2025, 3, 12, 7, 0):
        assert digest() == "digests: 2\n"
    assert len(mail.outbox) == 4
    assert not Notification.objects.exists()  # the digest is a letter, not an in-app notice


def test_the_digest_lists_overdue_due_soon_and_new_reports_in_russian(agency_reports, settings):
    agency, overdue, soon, new = agency_reports
    worker = official(agency)
    with at(2025, 3, 11, 7, 0):
        digest()
    (letter,) = [m for m in mail.outbox if m.to == [worker.email]]
    assert letter.subject == "Открытые сообщения вашего ведомства на 11 марта 2025"
    body = letter.body
    assert "3 сообщения ждут ответа вашего ведомства." in body
    overdue_at = body.index("Просроченные:")
    soon_at = body.index("Срок — в ближайшие 2 рабочих дня:")
    new_at = body.index("Новые, ещё не взятые в работу:")
    assert overdue_at < body.index(f"№ {overdue.pk} ·") < soon_at
    assert soon_at < body.index(f"№ {soon.pk} ·") < new_at < body.index(f"№ {new.pk} ·")
    assert "ул. Мира, 1 · срок 7 марта 2025" in body
    assert f"{settings.SITE_URL}/reports/{overdue.pk}/" in body
    assert "Не присылать ежедневную сводку:" in body
    html, mime = letter.alternatives[0]
    assert mime == "text/html" and "<h2>Просроченные</h2>" in html


def test_no_digest_for_those_who_turned_it_or_email_off(agency_reports):
    agency = agency_reports[0]
    PreferenceFactory(user=official(agency), digest_enabled=False)
    PreferenceFactory(user=official(agency), email_enabled=False)
    official(agency, is_active=False)
    with at(2025, 3, 11, 7, 0):
        assert digest() == "digests: 0\n"
    assert mail.outbox == []


def test_an_official_switches_the_digest_of_his_agency(client):
    worker = official(AgencyFactory())
    client.force_login(worker)
    assert "ежедневную сводку" in client.get(reverse("notifications:preferences")).text
    client.post(reverse("notifications:preferences"), {"email_enabled": "on"})
    preference = Preference.objects.get(user=worker)
    assert (preference.email_enabled, preference.digest_enabled) == (True, False)
