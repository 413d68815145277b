from functools import partial

import pytest
from django.core.exceptions import PermissionDenied

from veche.reports.models import Support
from veche.reports.services import report_support
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.testing.concurrency import at_once


def test_support_counts_once_per_resident(world):
    report = RoutedReportFactory(municipality=world.surgut)
    report, created = report_support(user=world.neighbour, report=report)
    assert created and report.support_count == 1
    report, created = report_support(user=world.neighbour, report=report)
    assert not created and report.support_count == 1


def test_author_and_unconfirmed_cannot_support_and_unpublished_cannot_be_supported(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    for user in (world.author, world.unconfirmed):
        with pytest.raises(PermissionDenied):
            report_support(user=user, report=report)
    with pytest.raises(PermissionDenied):
        report_support(user=world.neighbour, report=ReportFactory(municipality=world.surgut))
    assert not Support.objects.exists()


def test_crossing_a_threshold_is_recorded_once(world, settings):
    settings.REPORT_SUPPORT_THRESHOLDS = (2,)
    report = RoutedReportFactory(municipality=world.surgut)
    report_support(user=world.neighbour, report=report)
    report_support(user=world.moderator, report=report)
    report_support(user=world.urai_official, report=report)
    assert report.timeline.filter(kind="threshold").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_by_one_person_count_once(world):
    report = RoutedReportFactory(municipality=world.surgut)
    outcome = at_once([partial(report_support, user=world.neighbour, report=report)] * 8)
    report.refresh_from_db()
    assert outcome.errors == []
    assert report.support_count == 1 == Support.objects.filter(report=report).count()
