"""A moderator turns a report into an idea: the idea is published under the report's author, the
report's supports carry over, the report closes with a link (Open311 shows it closed) and its
author is told; a duplicate idea merges with its supports, nobody counted twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.ideas.models import Idea, IdeaSupport, Status
from veche.ideas.services import idea_support, ideas_merge, report_to_idea
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.notifications.models import Notification
from veche.reports.models import Report
from veche.reports.models import Status as ReportStatus
from veche.reports.services import report_support
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    for supporter in UserFactory.create_batch(3):
        report_support(user=supporter, report=report)
    return report


def test_the_report_becomes_a_published_idea_with_its_supports(world, report):
    idea = report_to_idea(user=world.moderator, report=report, title="Пешеходный переход")
    assert idea.status == Status.PUBLISHED and idea.author == world.author
    assert (idea.title, idea.text, idea.municipality) == (
        "Пешеходный переход",
        report.text,
        world.surgut,
    )
    assert idea.category == report.topic.category and idea.from_report == report
    assert idea.support_count == 3 == IdeaSupport.objects.filter(idea=idea).count()
    report.refresh_from_db()
    assert report.status == ReportStatus.IDEA
    assert report.moved_to == f"/ideas/{idea.pk}/"
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {"reports.moved_to_idea", "ideas.from_report"} <= kinds


def test_the_reports_author_is_told(world, report):
    idea = report_to_idea(user=world.moderator, report=report)
    told = Notification.objects.get(user=world.author)
    assert f"идею № {idea.pk}" in told.body_text


def test_open311_shows_the_report_closed(client, world, report):
    report_to_idea(user=world.moderator, report=report)
    body = client.get(f"/open311/v2/requests/{report.pk}.json").json()
    assert body[0]["status"] == "closed"


def test_the_report_page_links_the_idea(client, world, report):
    idea = report_to_idea(user=world.moderator, report=report)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'href="/ideas/{idea.pk}/"' in page


def test_only_a_moderator_of_the_report_turns_it(world, report):
    for outsider in (world.urai_moderator, world.mayor_office, world.author):
        with pytest.raises(PermissionDenied):
            report_to_idea(user=outsider, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ROUTED and not Idea.objects.exists()


def test_a_closed_report_is_not_turned_and_nothing_is_left_behind(world, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.CLOSED)
    with pytest.raises(ValidationError):
        report_to_idea(user=world.moderator, report=report)
    assert not Idea.objects.exists() and not IdeaSupport.objects.exists()


def test_a_submitted_report_may_be_turned_too(world):
    report = ReportFactory(municipality=world.surgut)
    report_to_idea(user=world.moderator, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.IDEA


def test_merging_carries_supports_counting_a_double_supporter_once(world):
    duplicate = PublishedIdeaFactory(municipality=world.surgut, author=world.neighbour)
    into = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    both, only_duplicate, only_into = UserFactory.create_batch(3)
    for user in (both, only_duplicate):
        idea_support(user=user, idea=duplicate)
    for user in (both, only_into):
        idea_support(user=user, idea=into)
    ideas_merge(user=world.moderator, duplicate=duplicate, into=into)
    into.refresh_from_db()
    duplicate.refresh_from_db()
    supporters = set(into.supports.values_list("user_id", flat=True))
    # The duplicate's author joins its supporters; the author of `into` never supports himself.
    assert supporters == {both.pk, only_duplicate.pk, only_into.pk, world.neighbour.pk}
    assert into.support_count == 4
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, into)
    assert into.timeline.filter(kind="merge").exists()


def test_a_merge_into_itself_or_a_closed_idea_is_refused(world):
    duplicate = PublishedIdeaFactory(municipality=world.surgut)
    declined = IdeaFactory(municipality=world.surgut, status=Status.DECLINED, decline_reason="Нет")
    for into in (duplicate, declined):
        with pytest.raises(ValidationError):
            ideas_merge(user=world.moderator, duplicate=duplicate, into=into)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.PUBLISHED
