"""What each notice says. Builders run with the portal's language active (tasks.py), and every
title becomes both the in-app heading and the e-mail subject: «Сообщение № N: …»."""

from collections.abc import Callable
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from veche.reports.models import Answer, Report, Status, TimelineEntry

from .channels import Message
from .recipients import Recipient
from .tokens import subscription_scope


def report_path(report_id: int) -> str:
    """The report's public page (the reports app names it "reports:detail")."""
    try:
        return reverse("reports:detail", args=[report_id])
    except NoReverseMatch:
        return f"/reports/{report_id}/"


def format_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def report_title(report: Report, title: str) -> str:
    return _("Report No. %(number)s: %(title)s") % {"number": report.pk, "title": title}


def _facts(report: Report, *, due: bool = True, agency: bool = False) -> list[str]:
    lines = [_("Topic: %(topic)s") % {"topic": report.topic.name}]
    lines.append(_("Municipality: %(name)s") % {"name": report.municipality.name})
    if report.address:
        lines.append(_("Address: %(address)s") % {"address": report.address})
    if agency and report.agency_id:
        lines.append(_("Agency: %(agency)s") % {"agency": report.agency.name})
    if due and report.due_at:
        lines.append(_("Answer due: %(date)s") % {"date": format_date(report.due_at)})
    return lines


def _text(entry: TimelineEntry | None) -> str:
    return entry.display_text.strip() if entry is not None else ""


def _message(kind: str, report: Report, title: str, lines: list[str], **extra) -> Message:
    body = "\n".join(line for line in lines if line)
    return Message(
        kind=kind,
        title=report_title(report, title),
        body=body,
        url=report_path(report.pk),
        report_id=report.pk,
        **extra,
    )


# --- To the author ---------------------------------------------------------------------------


def _status_changed(report, entry, data, recipient) -> Message:
    status = entry.status_to if entry is not None and entry.status_to else report.status
    label = Status(status).label if status in Status.values else status
    lines = [_text(entry)]
    if status == Status.ROUTED:
        lines += _facts(report, agency=True)
    title = _("new status «%(status)s»") % {"status": label}
    return _message("status_changed", report, title, lines)


def _answered(report, entry, data, recipient) -> Message:
    answer = report.answers.order_by("-created_at", "-pk").first()
    lines = []
    if answer is not None:
        lines.append(_("Answer: %(kind)s") % {"kind": answer.get_kind_display()})
        if answer.kind == Answer.Kind.SCHEDULED and answer.planned_date:
            planned = formats.date_format(answer.planned_date, "DATE_FORMAT")
            lines.append(_("Planned date: %(date)s") % {"date": planned})
        lines += ["", answer.text]
    else:
        lines.append(_text(entry))
    lines += ["", _("Please confirm the answer or dispute it on the report's page.")]
    return _message("answered", report, _("the agency has answered"), lines)


def _deadline_extended(report, entry, data, recipient) -> Message:
    title = _("the answer deadline is extended to %(date)s") % {"date": format_date(report.due_at)}
    reason = _text(entry) or report.extension_reason
    return _message(
        "deadline_extended", report, title, [_("Reason: %(reason)s") % {"reason": reason}]
    )


def _overdue_author(report, entry, data, recipient) -> Message:
    lines = [
        _("The agency was to answer by %(date)s.") % {"date": format_date(report.due_at)},
        _("We have reminded the agency; its head is told if the delay goes on."),
    ]
    return _message("overdue", report, _("the answer deadline has passed"), lines)


# --- To the agency ---------------------------------------------------------------------------


def _new_work(report, entry, data, recipient) -> Message:
    return _message("new_work", report, _("new report for your agency"), _facts(report))


def _reopened(report, entry, data, recipient) -> Message:
    lines = [_("The author's reason: %(reason)s") % {"reason": _text(entry)}, *_facts(report)]
    return _message("reopened", report, _("the author disputed the answer"), lines)


def _support_threshold(report, entry, data, recipient) -> Message:
    count = int(data.get("threshold") or report.support_count)
    title = ngettext(
        "supported by %(count)d resident", "supported by %(count)d residents", count
    ) % {"count": count}
    return _message("support_threshold", report, title, _facts(report))


def _reminder(report, entry, data, recipient) -> Message:
    title = _("the answer is due %(date)s") % {"date": format_date(report.due_at)}
    return _message("reminder", report, title, _facts(report))


def _overdue(report, entry, data, recipient) -> Message:
    return _message("overdue", report, _("the answer deadline has passed"), _facts(report))


def _escalation(report, entry, data, recipient) -> Message:
    days = int(data.get("days", 0))
    title = ngettext(
        "the answer is %(days)d working day overdue",
        "the answer is %(days)d working days overdue",
        days,
    ) % {"days": days}
    lines = [_("As the agency's head you are told of reports overdue."), *_facts(report)]
    return _message("escalation", report, title, lines)


# --- To moderators ---------------------------------------------------------------------------


def _submitted(report, entry, data, recipient) -> Message:
    lines = _facts(report, due=False)
    return _message("submitted", report, _("awaiting moderation"), lines)


def _declined(report, entry, data, recipient) -> Message:
    lines = [
        _("The agency's reason: %(reason)s") % {"reason": _text(entry)},
        *_facts(report, due=False, agency=True),
    ]
    return _message("declined", report, _("the agency declined it: route it again"), lines)


def _reassignment_requested(report, entry, data, recipient) -> Message:
    lines = [
        _("The agency's reason: %(reason)s") % {"reason": _text(entry)},
        *_facts(report, agency=True),
    ]
    return _message("reassignment_requested", report, _("the agency asks to reassign it"), lines)


# --- To subscribers --------------------------------------------------------------------------


def _new_report(report, entry, data, recipient) -> Message:
    lines = [*_facts(report, due=False), "", Truncator(report.text).chars(300)]
    extra = {}
    if recipient is not None and recipient.subscription is not None:
        extra["unsubscribe"] = subscription_scope(recipient.subscription.pk)
        lines += ["", _("You subscribed to: %(what)s") % {"what": recipient.subscription}]
    return _message("new_report", report, _("new report on your subscription"), lines, **extra)


Builder = Callable[[Report, TimelineEntry | None, dict, Recipient | None], Message]

BUILDERS: dict[str, Builder] = {
    "status_changed": _status_changed,
    "answered": _answered,
    "deadline_extended": _deadline_extended,
    "overdue_author": _overdue_author,
    "new_work": _new_work,
    "reopened": _reopened,
    "support_threshold": _support_threshold,
    "reminder": _reminder,
    "overdue": _overdue,
    "escalation": _escalation,
    "submitted": _submitted,
    "declined": _declined,
    "reassignment_requested": _reassignment_requested,
    "new_report": _new_report,
}


def build(
    notice: str,
    report: Report,
    *,
    entry: TimelineEntry | None = None,
    data: dict | None = None,
    recipient: Recipient | None = None,
) -> Message:
    return BUILDERS[notice](report, entry, data or {}, recipient)
