"""The support's statement checks the report's side of `reports.support_report` itself (nothing
is read first, services/supports.py): for every status and every kind of supporter, given by id
alone, a support counts exactly when the rule allows it, and a refusal writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.events.models import Event
from veche.reports.models import Report, Status, Support
from veche.reports.services import report_support
from veche.reports.tests.factories import RejectionReasonFactory, RoutedReportFactory

pytestmark = pytest.mark.django_db


def _report_in(status, world) -> Report:
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    extra = {
        Status.REJECTED: {"rejection_reason": RejectionReasonFactory()},
        Status.DUPLICATE: {"duplicate_of": RoutedReportFactory(municipality=world.surgut)},
        Status.IDEA: {"moved_to": "/ideas/1/"},
    }.get(status, {})
    Report.objects.filter(pk=report.pk).update(status=status, **extra)
    return Report.objects.get(pk=report.pk)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("who", ["author", "neighbour", "unconfirmed", "official", "operator"])
def test_the_writes_own_check_gives_what_the_named_rule_gives(world, status, who):
    report = _report_in(status, world)
    user = getattr(world, who)
    allowed = user.has_perm("reports.support_report", report)
    try:
        _report, created = report_support(user=user, report=Report(pk=report.pk))
    except PermissionDenied:
        created = False
        assert not allowed
    assert created == allowed
    assert Support.objects.filter(report=report).count() == int(allowed)
    assert Event.objects.filter(kind="reports.supported").count() == int(allowed)


def test_a_support_by_id_of_a_missing_report_is_not_found(world):
    with pytest.raises(Report.DoesNotExist):
        report_support(user=world.neighbour, report=Report(pk=987654))
