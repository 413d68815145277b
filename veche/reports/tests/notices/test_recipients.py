"""Who hears of what (recipients.py): one test per rule, each with someone who must NOT hear."""

import pytest
from django.core import mail

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.agencies.tests.factories import AgencyFactory
from veche.notifications.models import Notification
from veche.notifications.tests.factories import PreferenceFactory, SubscriptionFactory
from veche.reports.models import Status, TimelineEntry
from veche.reports.notices.recipients import category_key
from veche.reports.tests.factories import CategoryFactory, ReportFactory, RoutedReportFactory
from veche.territory.tests.factories import MunicipalityFactory

from .factories import agency_head, moderator, official

pytestmark = pytest.mark.django_db


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def mailed(user) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [user.email]]


def status_entry(report, to, *, was="", actor=None, public=True, text=""):
    return TimelineEntry.objects.create(
        report=report,
        kind=TimelineEntry.Kind.STATUS,
        status_from=was,
        status_to=to,
        actor=actor,
        is_public=public,
        text=text,
    )


# --- The author ------------------------------------------------------------------------------


def test_author_hears_of_a_public_status_change_in_app_and_by_email(fire):
    report = RoutedReportFactory(status=Status.IN_PROGRESS)
    worker = official(report.agency)
    fire(
        "status_changed",
        report,
        status_entry(report, Status.IN_PROGRESS, was="routed", actor=worker),
    )

    assert told(report.author) == ["status_changed"]
    assert mailed(report.author) == [f"Сообщение № {report.pk}: новый статус «в работе»"]
    assert told(worker) == []  # the one who did it is not told


def test_author_never_hears_of_an_internal_note_or_a_reassignment_request(fire):
    report = RoutedReportFactory()
    worker = official(report.agency)
    note = TimelineEntry.objects.create(
        report=report, kind=TimelineEntry.Kind.REASSIGNMENT, actor=worker, is_public=False
    )
    moderators = moderator(report.municipality)

    fire("reassignment_requested", report, note)
    hidden = status_entry(report, Status.IN_PROGRESS, was="routed", public=False)
    fire("status_changed", report, hidden)

    assert told(report.author) == []
    assert mailed(report.author) == []
    assert told(moderators) == ["reassignment_requested"]


def test_author_hears_of_the_answer_once_not_twice(fire):
    report = RoutedReportFactory(status=Status.ANSWERED)
    worker = official(report.agency)
    answer_entry = TimelineEntry.objects.create(
        report=report, kind=TimelineEntry.Kind.ANSWER, actor=worker, text="Яму заделали."
    )
    fire(
        "status_changed",
        report,
        status_entry(report, Status.ANSWERED, was="in_progress", actor=worker),
    )
    fire("answered", report, answer_entry)

    assert told(report.author) == ["answered"]
    (subject,) = mailed(report.author)
    assert subject == f"Сообщение № {report.pk}: получен ответ ведомства"


def test_author_hears_of_an_extension(fire):
    report = RoutedReportFactory(extension_reason="Нужны подрядные работы")
    entry = TimelineEntry.objects.create(
        report=report, kind=TimelineEntry.Kind.EXTENSION, text="Нужны подрядные работы"
    )
    fire("deadline_extended", report, entry)
    assert told(report.author) == ["deadline_extended"]
    assert "Нужны подрядные работы" in Notification.objects.get(user=report.author).body_text


def test_author_who_confirmed_himself_is_not_told(fire):
    report = RoutedReportFactory(status=Status.CLOSED)
    fire(
        "status_changed",
        report,
        status_entry(report, Status.CLOSED, was="answered", actor=report.author),
    )
    assert told(report.author) == []


@pytest.mark.parametrize(
    "author",
    [
        lambda: UserFactory(is_active=False),
        lambda: UserFactory(deleted_at="2025-01-01T00:00:00Z"),
        lambda: UnconfirmedUserFactory(),
        lambda: PreferenceFactory(email_enabled=False).user,
    ],
    ids=["inactive", "deleted", "unconfirmed-email", "email-off"],
)
def test_author_without_email_gets_the_in_app_notice_only(fire, author):
    report = RoutedReportFactory(author=author(), status=Status.IN_PROGRESS)
    fire("status_changed", report, status_entry(report, Status.IN_PROGRESS, was="routed"))
    assert told(report.author) == ["status_changed"]
    assert mail.outbox == []


# --- The agency ------------------------------------------------------------------------------


def test_officials_and_head_of_the_agency_hear_of_new_work_others_do_not(fire):
    report = RoutedReportFactory()
    worker, head = official(report.agency), agency_head(report.agency)
    stranger = official(AgencyFactory())
    fire("status_changed", report, status_entry(report, Status.ROUTED, was="submitted"))

    assert told(worker) == ["new_work"]
    assert told(head) == ["new_work"]
    assert told(stranger) == []
    assert mailed(worker) == [f"Сообщение № {report.pk}: новое сообщение для вашего ведомства"]


def test_blocked_official_hears_nothing(fire):
    report = RoutedReportFactory()
    blocked = official(report.agency, is_active=False)
    fire("status_changed", report, status_entry(report, Status.ROUTED, was="submitted"))
    assert told(blocked) == []


def test_agency_hears_when_the_author_disputes_the_answer(fire):
    report = RoutedReportFactory(status=Status.IN_PROGRESS)
    worker = official(report.agency)
    entry = status_entry(
        report, Status.IN_PROGRESS, was=Status.ANSWERED, actor=report.author, text="Яма на месте"
    )
    fire("status_changed", report, entry)
    assert told(worker) == ["reopened"]
    assert "Яма на месте" in Notification.objects.get(user=worker).body_text


def test_support_threshold_reaches_the_agency_once(fire):
    report = RoutedReportFactory(support_count=50)
    worker = official(report.agency)
    stranger = official(AgencyFactory())
    entry = TimelineEntry.objects.create(report=report, kind=TimelineEntry.Kind.SUPPORT_THRESHOLD)

    fire("support_threshold", report, entry, threshold=50)
    again = TimelineEntry.objects.create(report=report, kind=TimelineEntry.Kind.SUPPORT_THRESHOLD)
    fire("support_threshold", report, again, threshold=50)  # e.g. a merge re-crossed it

    assert told(worker) == ["support_threshold"]
    assert told(stranger) == []
    assert mailed(worker) == [f"Сообщение № {report.pk}: его поддержали 50 жителей"]


# --- Moderators ------------------------------------------------------------------------------


def test_moderators_of_the_municipality_and_region_hear_of_a_new_report_others_do_not(fire):
    report = ReportFactory()
    local, regional = moderator(report.municipality), moderator(None)
    elsewhere = moderator(MunicipalityFactory())
    entry = status_entry(report, Status.SUBMITTED, actor=report.author)
    fire("submitted", report, entry)

    assert told(local) == ["submitted"]
    assert told(regional) == ["submitted"]
    assert told(elsewhere) == []
    # He filed it himself: no moderator's notice, but its receipt with the number.
    assert told(report.author) == ["received"]
    assert mailed(report.author) == [f"Сообщение № {report.pk} принято"]
    notice = Notification.objects.get(user=report.author)
    assert notice.body_text.startswith("Модератор проверит его")


def test_a_report_filed_for_a_caller_tells_the_caller_not_the_operator(fire):
    report = ReportFactory()
    operator = UserFactory()
    fire("submitted", report, status_entry(report, Status.SUBMITTED, actor=operator))
    assert told(report.author) == ["received"]
    assert told(operator) == []


def test_moderators_hear_when_the_agency_declines(fire):
    report = RoutedReportFactory(status=Status.DECLINED)
    local, elsewhere = moderator(report.municipality), moderator(MunicipalityFactory())
    worker = official(report.agency)
    entry = status_entry(
        report, Status.DECLINED, was=Status.ROUTED, actor=worker, text="Не наша территория"
    )
    fire("status_changed", report, entry)

    assert told(local) == ["declined"]
    assert told(elsewhere) == []
    assert told(report.author) == ["status_changed"]  # a public change: being re-routed
    assert "Не наша территория" in Notification.objects.get(user=local).body_text


# --- Subscribers -----------------------------------------------------------------------------


def test_matching_subscribers_hear_of_a_newly_published_report(fire):
    report = RoutedReportFactory()
    category = report.topic.category
    by_place = SubscriptionFactory(municipality=report.municipality).user
    by_category = SubscriptionFactory(category_key=category_key(category.pk)).user
    by_area = SubscriptionFactory(
        min_lat=report.lat - 0.01,
        min_lon=report.lon - 0.01,
        max_lat=report.lat + 0.01,
        max_lon=report.lon + 0.01,
    ).user
    both_but_wrong_category = SubscriptionFactory(
        municipality=report.municipality, category_key=category_key(CategoryFactory().pk)
    ).user
    other_place = SubscriptionFactory(municipality=MunicipalityFactory()).user
    area_elsewhere = SubscriptionFactory(
        min_lat=report.lat + 1, min_lon=report.lon, max_lat=report.lat + 2, max_lon=report.lon + 1
    ).user

    fire("status_changed", report, status_entry(report, Status.ROUTED, was=Status.SUBMITTED))

    for user in (by_place, by_category, by_area):
        assert told(user) == ["new_report"]
    for user in (both_but_wrong_category, other_place, area_elsewhere):
        assert told(user) == []


def test_subscribers_are_not_told_again_when_a_report_is_rerouted(fire):
    report = RoutedReportFactory()
    subscriber = SubscriptionFactory(municipality=report.municipality).user
    fire("status_changed", report, status_entry(report, Status.ROUTED, was=Status.DECLINED))
    assert told(subscriber) == []


def test_one_person_in_several_roles_hears_once(fire):
    report = RoutedReportFactory()
    worker = official(report.agency)
    SubscriptionFactory(user=worker, municipality=report.municipality)
    fire("status_changed", report, status_entry(report, Status.ROUTED, was=Status.SUBMITTED))
    assert told(worker) == ["new_work"]
    assert len(mailed(worker)) == 1


def test_a_retried_event_task_sends_nothing_twice(fire):
    report = RoutedReportFactory(status=Status.IN_PROGRESS)
    entry = status_entry(report, Status.IN_PROGRESS, was="routed")
    fire("status_changed", report, entry)
    fire("status_changed", report, entry)
    assert told(report.author) == ["status_changed"]
    assert len(mail.outbox) == 1
