"""Notices are stored as message ids with parameters: each reader reads them in his language —
the site in the one he chose there, letters in the one of his notification preferences."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from veche.notifications.models import Notification
from veche.notifications.tests.factories import PreferenceFactory
from veche.reports.models import Status, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = pytest.mark.django_db


def routed_entry(report):
    return TimelineEntry.objects.create(
        report=report,
        kind=TimelineEntry.Kind.STATUS,
        status_from=Status.SUBMITTED,
        status_to=Status.ROUTED,
        message="Sent to %(agency)s.",
        params={"agency": report.agency.name},
        text="Бригада выедет в четверг.",
    )


def page(client, user, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:list")).text


def test_an_english_reader_gets_the_notice_and_the_letter_in_english(fire, client):
    report = RoutedReportFactory(address="ул. Мира, 1")
    PreferenceFactory(user=report.author, language="en")

    fire("status_changed", report, routed_entry(report))

    (letter,) = mail.outbox
    assert letter.subject == f"Report No. {report.pk}: new status «sent to the agency»"
    assert f"Sent to {report.agency.name}. Бригада выедет в четверг." in letter.body
    assert "Address: ул. Мира, 1" in letter.body  # what people wrote stays as written
    assert "You receive this letter because you take part in this report." in letter.body
    assert "Здравствуйте" not in letter.body and "Сообщение №" not in letter.body
    html = page(client, report.author, "en")
    assert f"Report No. {report.pk}: new status «sent to the agency»" in html
    assert f"Sent to {report.agency.name}." in html


def test_a_russian_reader_gets_the_same_notice_in_russian(fire, client):
    report = RoutedReportFactory(address="ул. Мира, 1")
    PreferenceFactory(user=report.author, language="ru")

    fire("status_changed", report, routed_entry(report))

    (letter,) = mail.outbox
    assert letter.subject == f"Сообщение № {report.pk}: новый статус «направлено в ведомство»"
    assert f"Направлено: {report.agency.name}. Бригада выедет в четверг." in letter.body
    assert "Адрес: ул. Мира, 1" in letter.body
    html = page(client, report.author, "ru")
    assert f"Сообщение № {report.pk}: новый статус «направлено в ведомство»" in html


def test_one_stored_notice_reads_in_each_readers_language(fire, client):
    """The row holds no language: the same notice reads in English, then in Russian."""
    report = RoutedReportFactory()
    fire("status_changed", report, routed_entry(report))
    notice = Notification.objects.get(user=report.author)
    assert "msgid" in notice.title  # stored as a message id, not as text

    assert f"Report No. {report.pk}" in page(client, report.author, "en")
    assert f"Сообщение № {report.pk}" in page(client, report.author, "ru")


def test_without_a_choice_letters_speak_the_portals_language(fire):
    report = RoutedReportFactory()
    fire("status_changed", report, routed_entry(report))
    (letter,) = mail.outbox
    assert letter.subject.startswith(f"Сообщение № {report.pk}:")
