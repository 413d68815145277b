"""reports.support_report and reports.withdraw_support as role × state matrices: the report's own
agency never supports it; a support is taken back only while the report is open."""

import pytest
from django.contrib.auth.models import AnonymousUser

from veche.reports.models import Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

SUPPORT = {
    "anonymous": False,
    "author": False,
    "neighbour": True,
    "unconfirmed": False,
    "official": False,  # of the report's agency
    "head": False,  # of the report's agency
    "urai_official": True,  # another agency's official is a resident here
    "moderator": True,
    "operator": True,
}


def who(world, name):
    return AnonymousUser() if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize(("name", "expected"), SUPPORT.items())
def test_support_on_a_routed_report(world, name, expected):
    report = RoutedReportFactory(author=world.author, municipality=world.surgut)
    assert report.agency == world.surgut_admin
    assert who(world, name).has_perm("reports.support_report", report) is expected


@pytest.mark.parametrize("name", SUPPORT)
def test_nobody_supports_an_unpublished_report(world, name):
    report = ReportFactory(author=world.author, municipality=world.surgut)
    assert who(world, name).has_perm("reports.support_report", report) is False


WITHDRAW_BY_STATUS = {
    Status.SUBMITTED: False,
    Status.REJECTED: False,
    Status.ROUTED: True,
    Status.DECLINED: True,
    Status.IN_PROGRESS: True,
    Status.ANSWERED: True,
    Status.CLOSED: False,
    Status.DUPLICATE: False,
}


@pytest.mark.parametrize(("status", "expected"), WITHDRAW_BY_STATUS.items())
def test_withdraw_only_while_the_report_is_open(world, status, expected):
    extra = {"rejection_reason": world.reason} if status == Status.REJECTED else {}
    if status == Status.DUPLICATE:
        extra = {"duplicate_of": RoutedReportFactory(municipality=world.surgut)}
    report = RoutedReportFactory(municipality=world.surgut, status=status, **extra)
    assert world.neighbour.has_perm("reports.withdraw_support", report) is expected
    assert AnonymousUser().has_perm("reports.withdraw_support", report) is False
