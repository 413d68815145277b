"""The agency's side: take into work, answer, decline jurisdiction, extend once, notes."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veche.core.text import clean_text
from veche.media.documents import process_documents

from ..deadlines import extended_due
from ..models import Answer, AnswerFile, Report, Status, TimelineEntry
from ._common import lock, move, record, report_event, report_notice, require, require_status

# The same msgids as Answer.Kind's labels, stored untranslated on the timeline.
ANSWER_MESSAGES = {
    Answer.Kind.RESOLVED: gettext_noop("resolved"),
    Answer.Kind.SCHEDULED: gettext_noop("scheduled"),
    Answer.Kind.REFUSED: gettext_noop("refused with reasons"),
}
NOT_YOUR_AGENCY = gettext_lazy("This report is not routed to your agency.")


def report_take_into_work(*, official, report: Report) -> Report:
    with transaction.atomic():
        report = lock(report)
        require(official, "reports.work_on_report", report, NOT_YOUR_AGENCY)
        require_status(report, "take")
        move(report, Status.IN_PROGRESS, actor=official, event="taken")
        return report


def reports_take_into_work(*, official, reports: Iterable[Report]) -> list[Report]:
    """Bulk action: all or nothing, so a refused one leaves the others untouched too."""
    with transaction.atomic():
        return [report_take_into_work(official=official, report=r) for r in reports]


def report_answer(
    *,
    official,
    report: Report,
    kind: str,
    text: str,
    planned_date: date | None = None,
    files: Sequence[UploadedFile] = (),
) -> Answer:
    """Answer: resolved, scheduled for a planned date, or a motivated refusal. A scheduled answer
    is a promise: the agency answers again (resolved or refused) when the works are done."""
    text = clean_text(text or "").strip()
    _check_answer(kind=kind, text=text, planned_date=planned_date)
    documents = process_documents(files)  # images re-encoded, active PDFs refused
    with transaction.atomic():
        report = lock(report)
        require(official, "reports.work_on_report", report, NOT_YOUR_AGENCY)
        require_status(report, "answer_final" if report.status == Status.ANSWERED else "answer")
        answer = Answer(
            report=report,
            agency=report.agency,
            author=official,
            kind=kind,
            text=text,
            planned_date=planned_date if kind == Answer.Kind.SCHEDULED else None,
        )
        answer.full_clean()
        answer.save()
        for document in documents:
            AnswerFile.objects.create(
                answer=answer,
                file=document.file,
                name=document.name,
                content_type=document.content_type,
                size=document.size,
            )
        report.answered_at = report.answered_at or timezone.now()  # answer time: the first one
        entry = record(report, kind=TimelineEntry.Kind.ANSWER, actor=official, text=text)
        if report.status == Status.ANSWERED:
            report.save(update_fields=["updated_at"])
        else:
            move(
                report,
                Status.ANSWERED,
                actor=official,
                event=None,
                message=ANSWER_MESSAGES[answer.kind],
                fields=("answered_at",),
            )
        report_event("answered", report, actor=official, payload={"answer": answer.kind})
        report_notice("answered", report, entry=entry)
        return answer


def _check_answer(*, kind: str, text: str, planned_date: date | None) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in Answer.Kind.values:
        errors["kind"] = [_("Choose the kind of answer.")]
    if not text:
        errors["text"] = [_("Write the answer.")]
    if kind == Answer.Kind.SCHEDULED:
        if planned_date is None:
            errors["planned_date"] = [_("Give the planned date of the works.")]
        elif planned_date < timezone.localdate():
            errors["planned_date"] = [_("The planned date cannot be in the past.")]
    if errors:
        raise ValidationError(errors)


def report_decline(*, official, report: Report, reason: str) -> Report:
    """The agency says the report is not its business; a moderator routes it again."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the report is not your agency's.")]})
    with transaction.atomic():
        report = lock(report)
        require(official, "reports.work_on_report", report, NOT_YOUR_AGENCY)
        require_status(report, "decline")
        move(report, Status.DECLINED, actor=official, event="declined", text=reason)
        return report


def report_extend_deadline(*, official, report: Report, reason: str) -> Report:
    """Extend the deadline once, with a reason that the public timeline shows."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the extension.")]})
    with transaction.atomic():
        report = lock(report)
        require(official, "reports.work_on_report", report, NOT_YOUR_AGENCY)
        require_status(report, "extend")
        if report.extended_at is not None:
            raise ValidationError(_("The deadline can be extended only once."), code="extended")
        report.due_at = extended_due(report.topic, report.due_at)
        report.extended_at = timezone.now()
        report.extension_reason = reason
        report.save(update_fields=["due_at", "extended_at", "extension_reason", "updated_at"])
        entry = record(report, kind=TimelineEntry.Kind.EXTENSION, actor=official, text=reason)
        report_event(
            "extended", report, actor=official, payload={"due_at": report.due_at.isoformat()}
        )
        report_notice("deadline_extended", report, entry=entry)
        return report


def report_add_note(*, official, report: Report, text: str) -> TimelineEntry:
    """An internal note: staff see it, the public timeline does not."""
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": [_("The note is empty.")]})
    if not official.has_perm("reports.view_internal", report):
        raise PermissionDenied(str(NOT_YOUR_AGENCY))
    with transaction.atomic():
        entry = record(
            report, kind=TimelineEntry.Kind.NOTE, actor=official, text=text, is_public=False
        )
        report_event("note_added", report, actor=official)
        return entry


def report_request_reassignment(*, official, report: Report, reason: str) -> TimelineEntry:
    """Ask the moderators to move the report within or beyond the agency (internal)."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say where the report should go and why.")]})
    with transaction.atomic():
        report = lock(report)
        require(official, "reports.work_on_report", report, NOT_YOUR_AGENCY)
        require_status(report, "request_reassignment")
        entry = record(
            report,
            kind=TimelineEntry.Kind.REASSIGNMENT,
            actor=official,
            text=reason,
            is_public=False,
        )
        report_event("reassignment_requested", report, actor=official)
        report_notice("reassignment_requested", report, entry=entry)
        return entry
