"""A report about an object of a higher app: the kind registry, the refusal of an unknown kind
or a missing item (nothing written), the database keeping the reference whole, the selector."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veche.reports.models import Report
from veche.reports.selectors import reports_about
from veche.reports.subjects import (
    SubjectKind,
    describe,
    register_subject_kind,
    unregister_subject_kind,
)

from .test_services_filing import submit

KIND = "tests.thing"


@pytest.fixture
def thing_kind():
    register_subject_kind(
        SubjectKind(kind=KIND, exists=lambda pk: pk == 7, describe=lambda pk: ("Вещь", "/t/7/"))
    )
    yield
    unregister_subject_kind(KIND)


def test_a_report_about_a_registered_item_keeps_its_reference(world, thing_kind):
    report = submit(world, subject=(KIND, 7))
    assert (report.subject_kind, report.subject_id) == (KIND, 7)
    assert describe(KIND, 7) == ("Вещь", "/t/7/")
    report.status = "published"
    report.save(update_fields=["status"])
    assert reports_about(KIND, 7) == [report]
    assert reports_about(KIND, 8) == []


@pytest.mark.parametrize("subject", [(KIND, 8), ("tests.unknown", 7)])
def test_an_unknown_kind_or_a_missing_item_is_refused(world, thing_kind, subject):
    with pytest.raises(ValidationError) as refused:
        submit(world, subject=subject)
    assert "subject" in refused.value.message_dict
    assert not Report.objects.exists()


def test_the_database_keeps_the_reference_whole(world):
    report = submit(world)
    assert (report.subject_kind, report.subject_id) == ("", None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(subject_kind=KIND)
