"""Following a report: once per person, stopped at will; followers hear of its public news."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.events.models import Event
from veche.notifications.models import Notification
from veche.reports import services
from veche.reports.models import ReportFollow
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory


def test_follow_once_and_unfollow(world):
    report = RoutedReportFactory(municipality=world.surgut)
    assert services.report_follow(user=world.neighbour, report=report) is True
    assert services.report_follow(user=world.neighbour, report=report) is False
    assert ReportFollow.objects.filter(report=report, user=world.neighbour).count() == 1
    assert Event.objects.filter(kind="reports.followed").count() == 1
    assert services.report_unfollow(user=world.neighbour, report=report) is True
    assert services.report_unfollow(user=world.neighbour, report=report) is False
    assert not ReportFollow.objects.exists()


@pytest.mark.parametrize("case", ["unpublished", "author"])
def test_refused_follow_changes_nothing(world, case):
    if case == "unpublished":
        report, user = ReportFactory(municipality=world.surgut), world.neighbour
    else:
        report = RoutedReportFactory(municipality=world.surgut, author=world.author)
        user = world.author
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        services.report_follow(user=user, report=report)
    assert not ReportFollow.objects.exists()
    assert Event.objects.count() == events


def test_followers_hear_of_the_answer_and_status_but_not_after_unfollowing(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_follow(user=world.neighbour, report=report)
    services.report_take_into_work(official=world.official, report=report)
    services.report_answer(official=world.official, report=report, kind="resolved", text="Готово")
    news = Notification.objects.filter(user=world.neighbour, kind="followed_news")
    assert news.count() == 2
    assert all(n.link == f"/reports/{report.pk}/" for n in news)
    assert "Готово" in news.order_by("-pk").first().body_text

    services.report_unfollow(user=world.neighbour, report=report)
    report.refresh_from_db()
    services.report_confirm(author=world.author, report=report, rating=5)
    assert news.count() == 2


def test_internal_notes_are_not_followed_news(world):
    report = RoutedReportFactory(municipality=world.surgut)
    services.report_follow(user=world.neighbour, report=report)
    services.report_add_note(official=world.official, report=report, text="Секрет")
    assert not Notification.objects.filter(user=world.neighbour).exists()
