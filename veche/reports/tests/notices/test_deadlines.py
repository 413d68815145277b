"""`manage.py report_deadlines`: reminders, overdue notices and escalations counted in working
days of the region's calendar, each sent once however often cron runs the command."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from veche.events.models import Event
from veche.notifications.models import Notification, SentNotice
from veche.reports.models import Status, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory
from veche.workdays.calendar import end_of_day

from .factories import agency_head, official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("calendar")]

YUGRA = ZoneInfo("Asia/Yekaterinburg")


def at(*args) -> time_machine.travel:
    return time_machine.travel(datetime(*args, tzinfo=YUGRA), tick=False)


def run() -> str:
    out = StringIO()
    call_command("report_deadlines", stdout=out)
    return out.getvalue()


def kinds(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True)
    )


@pytest.fixture
def new_year():
    """A report due at the end of Saturday 28 December 2024 — a working Saturday in Russia,
    followed by the days off of 29 December … 8 January."""
    with at(2024, 12, 16, 10, 0):
        report = RoutedReportFactory(due_at=end_of_day(date(2024, 12, 28)))
    return report, official(report.agency), agency_head(report.agency)


def test_reminder_counts_the_working_saturday_before_new_year(new_year):
    report, worker, head = new_year
    # Wed 25 Dec: 26, 27 and the working Saturday 28 remain — three working days, too early.
    # (Counting Monday to Friday only would say two and remind a day too soon.)
    with at(2024, 12, 25, 12, 0):
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    with at(2024, 12, 26, 12, 0):
        assert run() == "reminders: 1, overdue: 0, escalations: 0\n"
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert kinds(worker) == ["reminder"]
    assert kinds(head) == []  # officials do the work; the head hears of escalations
    assert kinds(report.author) == []
    (letter,) = mail.outbox
    assert letter.to == [worker.email]
    assert letter.subject == f"Сообщение № {report.pk}: срок ответа — 28 декабря 2024"


def test_overdue_then_escalation_only_after_the_new_year_holidays(new_year):
    report, worker, head = new_year
    with at(2024, 12, 29, 9, 0):  # the first day off after the deadline
        assert run() == "reminders: 0, overdue: 1, escalations: 0\n"
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert kinds(worker) == ["overdue"]
    assert kinds(report.author) == ["overdue"]
    author_letter = next(m for m in mail.outbox if m.to == [report.author.email])
    assert author_letter.subject == f"Сообщение № {report.pk}: срок ответа истёк"
    assert "Ведомство должно было ответить до 28 декабря 2024" in author_letter.body

    with at(2025, 1, 8, 18, 0):  # still the holidays: zero working days overdue
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert kinds(head) == []

    with at(2025, 1, 9, 9, 0):  # the first working day of 2025
        assert run() == "reminders: 0, overdue: 0, escalations: 1\n"
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert kinds(head) == ["escalation"]
    assert kinds(worker) == ["overdue"]
    assert kinds(report.author) == ["overdue"]  # escalations are internal

    (entry,) = TimelineEntry.objects.filter(report=report, kind=TimelineEntry.Kind.ESCALATION)
    assert entry.is_public is False
    expected = "Ответ просрочен, рабочих дней: 1; руководитель ведомства уведомлён."
    assert entry.display_text == expected
    head_letter = next(m for m in mail.outbox if m.to == [head.email])
    assert head_letter.subject == (f"Сообщение № {report.pk}: ответ просрочен на 1 рабочий день")


def test_a_run_after_a_long_pause_sends_each_notice_once(new_year):
    report, worker, head = new_year
    with at(2025, 1, 15, 9, 0):
        assert run() == "reminders: 0, overdue: 1, escalations: 1\n"
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    keys = set(SentNotice.objects.values_list("key", flat=True))
    assert keys == {
        f"overdue:{report.pk}:2024-12-28T18:59:59.999999+00:00",
        f"escalation:{report.pk}:2024-12-28T18:59:59.999999+00:00",
    }
    assert TimelineEntry.objects.filter(kind=TimelineEntry.Kind.ESCALATION).count() == 1
    assert Event.objects.filter(kind="reports.escalated").count() == 1
    assert len(mail.outbox) == 3  # the official, the author, the head


def test_an_extended_deadline_earns_a_new_reminder(new_year, settings):
    report, worker, head = new_year
    with at(2024, 12, 26, 12, 0):
        run()
    report.due_at = end_of_day(date(2025, 1, 10))
    report.save(update_fields=["due_at"])
    with at(2025, 1, 9, 12, 0):
        assert run() == "reminders: 1, overdue: 0, escalations: 0\n"
    assert kinds(worker) == ["reminder", "reminder"]


def test_settings_change_the_horizons(new_year, settings):
    report, worker, head = new_year
    settings.REPORT_REMINDER_WORKING_DAYS = 5
    settings.REPORT_ESCALATION_WORKING_DAYS = 3
    with at(2024, 12, 23, 12, 0):  # 24, 25, 26, 27, 28: five working days
        assert run() == "reminders: 1, overdue: 0, escalations: 0\n"
    with at(2025, 1, 10, 12, 0):  # 9 and 10 January: two working days overdue
        assert run() == "reminders: 0, overdue: 1, escalations: 0\n"
    with at(2025, 1, 13, 12, 0):
        assert run() == "reminders: 0, overdue: 0, escalations: 1\n"


@pytest.mark.parametrize("status", [Status.ANSWERED, Status.CLOSED, Status.DECLINED])
def test_reports_not_awaiting_an_answer_are_left_alone(status):
    with at(2024, 12, 16, 10, 0):
        report = RoutedReportFactory(status=status, due_at=end_of_day(date(2024, 12, 20)))
        official(report.agency)
    with at(2025, 1, 15, 9, 0):
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert mail.outbox == []


def test_a_report_answered_meanwhile_is_not_reminded(new_year, monkeypatch):
    """The run re-reads each report under a lock: one answered since the query is skipped."""
    from veche.reports.notices import deadlines

    report, worker, head = new_year
    original = deadlines._filter_sent

    def answer_first(batch, prefix):
        type(report).objects.filter(pk=report.pk).update(status=Status.ANSWERED)
        return original(batch, prefix)

    monkeypatch.setattr(deadlines, "_filter_sent", answer_first)
    with at(2024, 12, 26, 12, 0):
        assert run() == "reminders: 0, overdue: 0, escalations: 0\n"
    assert not SentNotice.objects.exists()
