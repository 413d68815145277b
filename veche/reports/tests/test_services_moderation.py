from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from veche.reports.models import RoutingRule, Status, Support
from veche.reports.services import (
    report_mark_duplicate,
    report_publish,
    report_redact,
    report_reject,
    report_reroute,
)
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory, TopicFactory

YEKT = ZoneInfo("Asia/Yekaterinburg")


@time_machine.travel(datetime(2024, 12, 27, 10, 0, tzinfo=YEKT), tick=False)
def test_publish_routes_with_a_deadline_of_ten_working_days_across_new_year(world):
    report = ReportFactory(municipality=world.surgut, topic=world.topic)
    report = report_publish(moderator=world.moderator, report=report)
    assert report.status == Status.ROUTED
    assert report.agency == world.surgut_admin  # fallback: the municipality's administration
    # Sat 28 Dec 2024 is a working day (moved from Mon 30 Dec); 30 Dec – 8 Jan are off;
    # then 9, 10, 13–17, 20, 21 January 2025.
    assert report.due_at == datetime(2025, 1, 21, 23, 59, 59, 999999, tzinfo=YEKT)


@time_machine.travel(datetime(2025, 3, 3, 10, 0, tzinfo=YEKT), tick=False)
def test_deadline_never_passes_thirty_calendar_days(world):
    topic = TopicFactory(deadline_days=30)
    report = report_publish(
        moderator=world.moderator, report=ReportFactory(municipality=world.surgut, topic=topic)
    )
    assert report.due_at == datetime(2025, 4, 2, 23, 59, 59, 999999, tzinfo=YEKT)


def test_calendar_day_topics_count_weekends(world):
    topic = TopicFactory(deadline_days=5, deadline_kind="calendar")
    with time_machine.travel(datetime(2025, 3, 7, 10, 0, tzinfo=YEKT), tick=False):
        report = report_publish(
            moderator=world.moderator, report=ReportFactory(municipality=world.surgut, topic=topic)
        )
    assert report.due_at == datetime(2025, 3, 12, 23, 59, 59, 999999, tzinfo=YEKT)


def test_routing_rules_beat_the_fallback_local_before_regional(world):
    RoutingRule.objects.create(topic=world.topic, municipality=None, agency=world.roads)
    regional = report_publish(
        moderator=world.region_moderator,
        report=ReportFactory(municipality=world.urai, topic=world.topic),
    )
    assert regional.agency == world.roads
    RoutingRule.objects.create(
        topic=world.topic, municipality=world.surgut, agency=world.urai_admin
    )
    local = report_publish(
        moderator=world.moderator,
        report=ReportFactory(municipality=world.surgut, topic=world.topic),
    )
    assert local.agency == world.urai_admin


@pytest.mark.parametrize("who", ["urai_moderator", "official", "author", "operator"])
def test_only_a_moderator_of_the_territory_may_publish(world, who):
    report = ReportFactory(municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        report_publish(moderator=getattr(world, who), report=report)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and not report.timeline.exists()


def test_reject_needs_a_listed_reason_and_a_submitted_report(world):
    report = ReportFactory(municipality=world.surgut)
    report_reject(moderator=world.moderator, report=report, reason=world.reason)
    report.refresh_from_db()
    assert report.status == Status.REJECTED and report.rejection_reason == world.reason
    routed = RoutedReportFactory(municipality=world.surgut)
    with pytest.raises(ValidationError) as error:
        report_reject(moderator=world.moderator, report=routed, reason=world.reason)
    assert "Это нельзя сделать" in error.value.messages[0]


def test_redaction_replaces_the_text_and_is_logged(world):
    report = ReportFactory(municipality=world.surgut, text="Звоните Иванову +79120000000")
    report_redact(moderator=world.moderator, report=report, text="Звоните [удалено]")
    report.refresh_from_db()
    assert "+7912" not in report.text
    assert report.timeline.filter(kind="redaction").exists()


def test_duplicate_merge_carries_supports_over_once(world):
    original = RoutedReportFactory(municipality=world.surgut)
    duplicate = ReportFactory(municipality=world.surgut, author=world.neighbour)
    both = world.author
    Support.objects.create(report=original, user=both)
    Support.objects.create(report=duplicate, user=both)
    only_duplicate = RoutedReportFactory().author  # any other resident
    Support.objects.create(report=duplicate, user=only_duplicate)
    original.support_count = 1
    original.save()

    report_mark_duplicate(moderator=world.moderator, report=duplicate, original=original)

    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert duplicate.status == Status.DUPLICATE and duplicate.duplicate_of == original
    supporters = set(original.supports.values_list("user_id", flat=True))
    assert supporters == {both.pk, only_duplicate.pk, world.neighbour.pk}
    assert original.support_count == 3


def test_a_report_cannot_be_merged_into_itself(world):
    report = RoutedReportFactory(municipality=world.surgut)
    with pytest.raises(ValidationError):
        report_mark_duplicate(moderator=world.moderator, report=report, original=report)


def test_a_declined_report_is_rerouted_by_a_moderator(world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report.status = Status.DECLINED
    report.save()
    report = report_reroute(moderator=world.moderator, report=report, agency=world.roads)
    assert report.status == Status.ROUTED and report.agency == world.roads


def test_a_merge_that_jumps_over_a_support_threshold_tells_the_agency(world, settings):
    # Supports carried over arrive several at once: 1 → 3 crosses 2 without ever equalling it.
    settings.REPORT_SUPPORT_THRESHOLDS = (2,)
    original = RoutedReportFactory(municipality=world.surgut)
    Support.objects.create(report=original, user=world.moderator)
    original.support_count = 1
    original.save()
    duplicate = ReportFactory(municipality=world.surgut, author=world.neighbour)
    Support.objects.create(report=duplicate, user=world.author)

    report_mark_duplicate(moderator=world.moderator, report=duplicate, original=original)

    original.refresh_from_db()
    assert original.support_count == 3
    assert original.timeline.filter(kind="threshold").count() == 1


def test_rerouting_to_an_agency_of_another_territory_is_refused(world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report.status = Status.DECLINED
    report.save()
    with pytest.raises(ValidationError) as error:
        report_reroute(moderator=world.moderator, report=report, agency=world.urai_admin)
    assert "не обслуживает" in error.value.messages[0]
    report.refresh_from_db()
    assert report.agency == world.surgut_admin and report.status == Status.DECLINED


def test_a_moderator_cannot_merge_into_a_report_of_another_territory(world):
    original = RoutedReportFactory(municipality=world.urai)
    duplicate = ReportFactory(municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        report_mark_duplicate(moderator=world.moderator, report=duplicate, original=original)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.SUBMITTED
