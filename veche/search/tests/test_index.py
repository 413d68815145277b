"""The index follows the items through the domain services: an unpublished report or an idea
awaiting moderation is never found; publication makes it findable, after the commit."""

import pytest

from veche.ideas import services as idea_services
from veche.ideas.models import Status as IdeaStatus
from veche.ideas.tests.factories import IdeaFactory
from veche.reports.models import Status
from veche.reports.services.moderation import report_publish, report_reject
from veche.reports.tests.factories import (
    RejectionReasonFactory,
    ReportFactory,
    RoutedReportFactory,
)
from veche.search.models import SearchEntry
from veche.search.selectors import search

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return {hit.entry.url for hit in search(query).hits}


def test_a_report_awaiting_moderation_is_not_found_until_published(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = ReportFactory(
            topic=world.topic, municipality=world.surgut, text="Огромная яма у школы № 3"
        )
    assert report.status == Status.SUBMITTED
    assert SearchEntry.objects.get(kind="reports.report", object_id=report.pk).public is False
    assert found("ямы") == set()

    with django_capture_on_commit_callbacks(execute=True):
        report_publish(moderator=world.moderator, report=report)

    assert found("ямы") == {f"/reports/{report.pk}/"}
    assert found("школе") == {f"/reports/{report.pk}/"}


def test_a_rejected_report_is_never_found(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = ReportFactory(topic=world.topic, municipality=world.surgut)
    with django_capture_on_commit_callbacks(execute=True):
        report_reject(moderator=world.moderator, report=report, reason=RejectionReasonFactory())
    assert SearchEntry.objects.get(object_id=report.pk).public is False
    assert found("яма") == set()


def test_an_idea_awaiting_moderation_is_not_found(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = IdeaFactory(
            author=world.author,
            category=world.category,
            municipality=world.surgut,
            title="Сквер у набережной",
            text="Поставить скамейки и фонари",
        )
    assert idea.status == IdeaStatus.SUBMITTED
    assert found("скверы") == set()

    with django_capture_on_commit_callbacks(execute=True):
        idea_services.idea_publish(user=world.moderator, idea=idea)

    assert found("скверы") == {f"/ideas/{idea.pk}/"}
    assert found("фонарями") == {f"/ideas/{idea.pk}/"}


def test_nothing_reaches_the_index_before_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    assert SearchEntry.objects.count() == 0
    assert len(callbacks) == 1


def test_a_save_of_fields_search_ignores_schedules_nothing(
    world, django_capture_on_commit_callbacks
):
    report = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report.save(update_fields=["due_at"])
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report.save(update_fields=["topic_id"])
    assert len(callbacks) == 1


def test_a_deleted_item_leaves_the_index(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    pk = report.pk
    with django_capture_on_commit_callbacks(execute=True):
        report.timeline.all().delete()
        report.delete()
    assert not SearchEntry.objects.filter(kind="reports.report", object_id=pk).exists()
