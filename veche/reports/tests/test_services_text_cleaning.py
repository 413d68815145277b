"""Every service that stores what a person wrote passes it through `clean_text`: characters XML
1.0 forbids are stripped (they would break the Open311 XML lists), a NUL is refused and nothing
is written. The web, the API, the contact centre and Open311 all come through here."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from veche.reports.models import Answer, Report, Status, TimelineEntry, TopicAttribute
from veche.reports.services import (
    report_add_note,
    report_answer,
    report_decline,
    report_dispute,
    report_extend_deadline,
    report_redact,
    report_reject,
    report_request_reassignment,
    report_submit,
)
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory, TopicAttributeFactory

from .conftest import point_in

DIRTY = "Яма\x01 у\x0b дома\x1f\ufffe\uffff №5"
CLEAN = "Яма у дома №5"


@pytest.fixture
def routed(world):
    return RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )


def test_filing_strips_forbidden_characters_from_text_address_and_answers(world):
    TopicAttributeFactory(
        topic=world.topic, code="flat", datatype=TopicAttribute.Datatype.STRING, required=False
    )
    report = report_submit(
        author=world.author,
        topic=world.topic,
        text=DIRTY,
        address="ул.\x02 Ленина",
        attributes={"flat": "кв.\x0c 12"},
        **point_in(world.surgut),
    )
    report.refresh_from_db()
    assert (report.text, report.address) == (CLEAN, "ул. Ленина")
    assert report.attributes == {"flat": "кв. 12"}


@pytest.mark.parametrize("field", ["text", "address"])
def test_filing_refuses_a_nul_and_writes_nothing(world, field):
    values = {"text": "Яма", "address": "", field: "Яма\x00"}
    with pytest.raises(ValidationError):
        report_submit(author=world.author, topic=world.topic, **values, **point_in(world.surgut))
    assert not Report.objects.exists()


def test_answers_notes_and_reasons_are_cleaned(world, routed):
    report_add_note(official=world.official, report=routed, text=DIRTY)
    report_request_reassignment(official=world.official, report=routed, reason=DIRTY)
    report_extend_deadline(official=world.official, report=routed, reason=DIRTY)
    answer = report_answer(official=world.official, report=routed, kind="resolved", text=DIRTY)
    report_dispute(author=world.author, report=routed, rating=1, reason=DIRTY)
    report_decline(official=world.official, report=routed, reason=DIRTY)
    assert answer.text == CLEAN
    written = TimelineEntry.objects.filter(report=routed).exclude(text="")
    assert written.count() == 6 and set(written.values_list("text", flat=True)) == {CLEAN}
    assert Report.objects.get(pk=routed.pk).extension_reason == CLEAN


def test_an_answer_with_a_nul_is_refused_and_nothing_changes(world, routed):
    with pytest.raises(ValidationError):
        report_answer(
            official=world.official,
            report=routed,
            kind="scheduled",
            text="Сделаем\x00",
            planned_date=date.today() + timedelta(days=9),
        )
    assert not Answer.objects.exists()
    assert Report.objects.get(pk=routed.pk).status == Status.ROUTED


def test_moderators_words_are_cleaned(world):
    rejected = ReportFactory(municipality=world.surgut)
    report_reject(moderator=world.moderator, report=rejected, reason=world.reason, comment=DIRTY)
    assert rejected.timeline.get(status_to=Status.REJECTED).text.endswith(CLEAN)
    redacted = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_redact(moderator=world.moderator, report=redacted, text=DIRTY, address="дом\x03 5")
    redacted.refresh_from_db()
    assert (redacted.text, redacted.address) == (CLEAN, "дом 5")
