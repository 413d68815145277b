"""The notification e-mail: Russian, plain text and HTML, a link to the report, and a one-click
unsubscribe link in the body and in the List-Unsubscribe headers (RFC 8058)."""

import re

import pytest
from django.core import mail

from veche.notifications.channels import Channel, deliver, register_channel
from veche.notifications.messages import Message
from veche.notifications.tokens import read_unsubscribe_token
from veche.reports.models import Status, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(fire, settings):
    settings.SITE_URL = "https://veche.example.ru"
    report = RoutedReportFactory(status=Status.IN_PROGRESS, author__first_name="Мария")
    entry = TimelineEntry.objects.create(
        report=report,
        kind=TimelineEntry.Kind.STATUS,
        status_from=Status.ROUTED,
        status_to=Status.IN_PROGRESS,
        text="Бригада выедет в четверг.",
    )
    fire("status_changed", report, entry)
    (message,) = mail.outbox
    return report, message


def test_letter_is_in_russian_with_a_link_to_the_report(letter):
    report, message = letter
    assert message.subject == f"Сообщение № {report.pk}: новый статус «в работе»"
    assert message.body.startswith("Здравствуйте, Мария!")
    assert "Бригада выедет в четверг." in message.body
    assert f"Открыть на портале: https://veche.example.ru/reports/{report.pk}/" in message.body
    assert "Вы получили это письмо, потому что участвуете в работе с этим сообщением." in (
        message.body
    )
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'<a href="https://veche.example.ru/reports/{report.pk}/">Открыть на портале</a>' in html


def test_letter_carries_one_click_unsubscribe_headers(letter):
    report, message = letter
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<https://veche\.example\.ru/notifications/unsubscribe/([^/]+)/>", header)
    assert match, header
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = read_unsubscribe_token(match.group(1))
    assert (token.user_id, token.scope) == (report.author_id, "email")
    assert header[1:-1] in message.body  # the same link is in the letter


def test_no_link_in_the_task_queue_the_token_is_made_when_sending(fire, monkeypatch):
    """The e-mail task carries the message, not the letter: no working link waits in a table."""
    from veche.notifications import channels

    queued = []

    class Queue:
        def enqueue(self, **kwargs):
            queued.append(kwargs)

    monkeypatch.setattr(channels, "send_notification_email", Queue())
    report = RoutedReportFactory(status=Status.IN_PROGRESS)
    entry = TimelineEntry.objects.create(
        report=report, kind=TimelineEntry.Kind.STATUS, status_to=Status.IN_PROGRESS
    )
    fire("status_changed", report, entry)
    (job,) = queued
    assert "unsubscribe/" not in str(job)
    assert job["message"]["unsubscribe"] == "email"


def test_a_new_channel_plugs_in(fire):
    """SPEC §12: web push or SMS register like this and get every message."""

    class Pager(Channel):
        name = "pager"
        sent: list = []

        def enabled_for(self, user):
            return True

        def send(self, notice):
            self.sent.append((notice.user.pk, notice.message.title_text()))

    register_channel(Pager())
    report = RoutedReportFactory(status=Status.IN_PROGRESS)
    entry = TimelineEntry.objects.create(
        report=report, kind=TimelineEntry.Kind.STATUS, status_to=Status.IN_PROGRESS
    )
    fire("status_changed", report, entry)
    assert Pager.sent == [(report.author_id, f"Сообщение № {report.pk}: новый статус «в работе»")]


def test_deliver_can_be_limited_to_some_channels():
    from veche.accounts.tests.factories import UserFactory
    from veche.notifications.models import Notification

    user = UserFactory()
    used = deliver(user, Message(kind="test", title="Проверка"), only={"email"})
    assert used == ["email"]
    assert not Notification.objects.exists()
    assert [m.subject for m in mail.outbox] == ["Проверка"]
