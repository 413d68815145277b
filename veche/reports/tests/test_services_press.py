"""Press coverage: the author or a moderator attaches a publication (validated http(s) address),
the agency, the author and followers are told; moderators' actions are audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.events.models import Event
from veche.notifications.models import Notification
from veche.reports import services
from veche.reports.models import PressLink, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import StaffAuditLog

DAY = datetime.date(2026, 11, 1)


def attach(user, report, **extra):
    data = {
        "url": "https://ugra-news.ru/2026/11/yama",
        "title": "Яма на Ленина",
        "outlet": "Новости Югры",
        "published_on": DAY,
        **extra,
    }
    return services.report_add_press_link(user=user, report=report, **data)


def state():
    return (
        PressLink.objects.count(),
        TimelineEntry.objects.filter(kind="press").count(),
        Event.objects.count(),
        Notification.objects.count(),
        StaffAuditLog.objects.count(),
    )


def test_the_author_attaches_and_the_agency_is_told(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_follow(user=world.neighbour, report=report)
    link = attach(world.author, report)
    assert link.report == report and link.added_by == world.author
    entry = report.timeline.get(kind=TimelineEntry.Kind.PRESS)
    assert "Новости Югры" in entry.display_text
    assert Event.objects.filter(kind="reports.press_linked").count() == 1
    told = set(Notification.objects.filter(kind="press_coverage").values_list("user", flat=True))
    assert told == {world.official.pk, world.head.pk}  # not the author, who acted
    assert Notification.objects.filter(user=world.neighbour, kind="followed_news").exists()
    assert not StaffAuditLog.objects.exists()


def test_a_moderator_attaches_with_an_audit_row(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    link = attach(world.moderator, report)
    assert StaffAuditLog.objects.filter(action="reports.press_link_add", actor=world.moderator)
    assert Notification.objects.filter(user=world.author, kind="press_coverage").exists()
    services.report_remove_press_link(user=world.moderator, link=link)
    assert not PressLink.objects.exists()
    assert StaffAuditLog.objects.filter(action="reports.press_link_remove").count() == 1
    assert Event.objects.filter(kind="reports.press_unlinked").count() == 1


@pytest.mark.parametrize("intruder", ["neighbour", "official", "urai_moderator", "unconfirmed"])
def test_others_cannot_attach(world, intruder):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    before = state()
    with pytest.raises(PermissionDenied):
        attach(getattr(world, intruder), report)
    assert state() == before


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"url": "https://"}, "url"),
        ({"title": "  "}, "title"),
        ({"outlet": ""}, "outlet"),
        ({"published_on": timezone.localdate() + datetime.timedelta(days=2)}, "published_on"),
    ],
)
def test_bad_input_is_refused_by_field_and_changes_nothing(world, extra, field):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    before = state()
    with pytest.raises(ValidationError) as refusal:
        attach(world.author, report, **extra)
    assert field in refusal.value.message_dict
    assert state() == before


def test_the_same_publication_twice_is_refused(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    attach(world.author, report)
    before = state()
    with pytest.raises(ValidationError):
        attach(world.moderator, report)
    assert state() == before


def test_the_author_cannot_remove(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    link = attach(world.author, report)
    with pytest.raises(PermissionDenied):
        services.report_remove_press_link(user=world.author, link=link)
    assert PressLink.objects.filter(pk=link.pk).exists()
