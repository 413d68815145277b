"""Every transition of a report leaves exactly one row in the event log, in its own transaction;
a refused transition leaves none (docs/events.md lists the kinds)."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.events.models import Event
from veche.events.services import actor_pseudonym
from veche.reports import services
from veche.reports.models import Status, Support
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

from .conftest import point_in


def submitted(w):
    return ReportFactory(municipality=w.surgut, topic=w.topic, author=w.author)


def routed(w, status=Status.ROUTED):
    return RoutedReportFactory(
        municipality=w.surgut, topic=w.topic, agency=w.surgut_admin, author=w.author, status=status
    )


def answered(w, kind="resolved"):
    report = routed(w)
    planned = timezone.localdate() + timedelta(days=3) if kind == "scheduled" else None
    services.report_answer(
        official=w.official, report=report, kind=kind, text="Готово", planned_date=planned
    )
    report.refresh_from_db()
    return report


def supported(w):
    report = routed(w)
    services.report_support(user=w.neighbour, report=report)
    return report


def file(w, report):
    return services.report_submit(
        author=w.author, topic=w.topic, text="Яма у дома 5", **point_in(w.surgut)
    )


def answer(kind):
    def act(w, report):
        planned = timezone.localdate() + timedelta(days=3) if kind == "scheduled" else None
        return services.report_answer(
            official=w.official, report=report, kind=kind, text="Ответ", planned_date=planned
        )

    return act


# (kind, who acts, how the report is prepared, the transition)
TRANSITIONS = {
    "submitted": ("author", lambda w: None, file),
    "published": (
        "moderator",
        submitted,
        lambda w, r: services.report_publish(moderator=w.moderator, report=r),
    ),
    "rejected": (
        "moderator",
        submitted,
        lambda w, r: services.report_reject(moderator=w.moderator, report=r, reason=w.reason),
    ),
    "redacted": (
        "moderator",
        routed,
        lambda w, r: services.report_redact(moderator=w.moderator, report=r, text="Яма"),
    ),
    "merged": (
        "moderator",
        submitted,
        lambda w, r: services.report_mark_duplicate(
            moderator=w.moderator, report=r, original=routed(w)
        ),
    ),
    "rerouted": (
        "moderator",
        lambda w: routed(w, Status.DECLINED),
        lambda w, r: services.report_reroute(moderator=w.moderator, report=r, agency=w.roads),
    ),
    "taken": (
        "official",
        routed,
        lambda w, r: services.report_take_into_work(official=w.official, report=r),
    ),
    "answered-resolved": ("official", routed, answer("resolved")),
    "answered-scheduled": ("official", routed, answer("scheduled")),
    "answered-refused": ("official", routed, answer("refused")),
    "answered-final-after-scheduled": (
        "official",
        lambda w: answered(w, "scheduled"),
        answer("resolved"),
    ),
    "declined": (
        "official",
        routed,
        lambda w, r: services.report_decline(official=w.official, report=r, reason="Не наше"),
    ),
    "extended": (
        "official",
        routed,
        lambda w, r: services.report_extend_deadline(official=w.official, report=r, reason="Снег"),
    ),
    "reassignment_requested": (
        "official",
        routed,
        lambda w, r: services.report_request_reassignment(
            official=w.official, report=r, reason="В дорожный департамент"
        ),
    ),
    "note_added": (
        "official",
        routed,
        lambda w, r: services.report_add_note(official=w.official, report=r, text="Выезд"),
    ),
    "confirmed": (
        "author",
        answered,
        lambda w, r: services.report_confirm(author=w.author, report=r, rating=5),
    ),
    "disputed": (
        "author",
        answered,
        lambda w, r: services.report_dispute(author=w.author, report=r, rating=2, reason="Нет"),
    ),
    "supported": (
        "neighbour",
        routed,
        lambda w, r: services.report_support(user=w.neighbour, report=r),
    ),
    "escalated": (
        None,  # the system, run by `manage.py report_deadlines`
        routed,
        lambda w, r: services.report_record_escalation(report=r, days=2),
    ),
    "support_withdrawn": (
        "neighbour",
        supported,
        lambda w, r: services.report_support_withdraw(user=w.neighbour, report=r),
    ),
    "followed": (
        "neighbour",
        routed,
        lambda w, r: services.report_follow(user=w.neighbour, report=r),
    ),
    "press_linked": (
        "author",
        routed,
        lambda w, r: services.report_add_press_link(
            user=w.author,
            report=r,
            url="https://ugra-news.ru/yama",
            title="Яма",
            outlet="Новости Югры",
            published_on=datetime.date(2026, 11, 1),
        ),
    ),
}


@pytest.mark.parametrize("case", TRANSITIONS, ids=str)
def test_each_transition_leaves_exactly_one_event(world, case):
    who, prepare, act = TRANSITIONS[case]
    kind = case.split("-")[0]
    report = prepare(world)
    before = Event.objects.count()
    start = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0

    result = act(world, report)

    assert Event.objects.count() == before + 1
    event = Event.objects.get(id__gt=start)
    subject = report if report is not None else result
    assert event.kind == f"reports.{kind}"
    assert (event.subject_type, event.subject_id) == ("reports.report", str(subject.pk))
    assert event.actor == (actor_pseudonym(getattr(world, who)) if who else "")
    assert event.territory_id == world.surgut.pk


@pytest.mark.parametrize(
    ("case", "intruder"),
    [
        ("published", "urai_moderator"),
        ("taken", "urai_official"),
        ("answered-resolved", "urai_official"),
        ("extended", "urai_official"),
        ("confirmed", "neighbour"),
    ],
)
def test_a_refused_transition_leaves_no_event(world, case, intruder):
    who, prepare, act = TRANSITIONS[case]
    report = prepare(world)
    setattr(world, who, getattr(world, intruder))  # the same action by someone not allowed
    before = list(Event.objects.values_list("id", flat=True))

    with pytest.raises((PermissionDenied, ValidationError)):
        act(world, report)

    assert list(Event.objects.values_list("id", flat=True)) == before


def test_a_transition_from_the_wrong_status_leaves_no_event(world):
    report = routed(world, Status.CLOSED)
    before = Event.objects.count()
    with pytest.raises(ValidationError):
        services.report_take_into_work(official=world.official, report=report)
    assert Event.objects.count() == before


def test_supporting_twice_or_withdrawing_what_was_never_given_records_nothing(world):
    report = supported(world)
    before = Event.objects.count()

    services.report_support(user=world.neighbour, report=report)
    services.report_support_withdraw(user=world.author, report=report)

    assert Event.objects.count() == before


def test_a_withdrawn_support_no_longer_counts(world):
    report = supported(world)
    report, withdrawn = services.report_support_withdraw(user=world.neighbour, report=report)
    assert withdrawn and report.support_count == 0
    assert not Support.objects.filter(report=report).exists()
    assert Event.objects.filter(kind="reports.support_withdrawn").get().payload["supports"] == 0


def test_the_payload_says_what_kind_of_answer_and_which_agency(world):
    report = submitted(world)
    services.report_publish(moderator=world.moderator, report=report)
    services.report_answer(official=world.official, report=report, kind="refused", text="Нет")
    published = Event.objects.get(kind="reports.published").payload
    assert published["agency"] == world.surgut_admin.pk and published["from"] == "submitted"
    assert Event.objects.get(kind="reports.answered").payload["answer"] == "refused"


def test_a_bulk_take_records_one_event_per_report_or_none_at_all(world):
    first, second = routed(world), routed(world)
    services.reports_take_into_work(official=world.official, reports=[first, second])
    taken = Event.objects.filter(kind="reports.taken")
    assert sorted(taken.values_list("subject_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )

    fresh, closed = routed(world), routed(world, Status.CLOSED)
    before = Event.objects.count()
    with pytest.raises(ValidationError):
        services.reports_take_into_work(official=world.official, reports=[fresh, closed])
    assert Event.objects.count() == before
