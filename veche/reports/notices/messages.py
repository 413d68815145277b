"""What each notice about a report says, as message ids with parameters (notifications.text), so
every reader reads it in his language: the site in the one he chose there, letters in the one of
his preferences. Every title becomes both the in-app heading and the e-mail subject:
«Сообщение № N: …»."""

from collections.abc import Callable
from dataclasses import replace

from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_noop, ngettext_lazy

from veche.notifications.messages import Message, subject
from veche.notifications.text import Spec, day, join, msg, plural
from veche.notifications.tokens import subscription_scope

from ..models import Answer, Report, Status, TimelineEntry
from .recipients import Recipient

TAKING_PART = msg(gettext_noop("You receive this letter because you take part in this report."))
FOLLOWING = msg(gettext_noop("You receive this letter because you follow this report."))
SUBSCRIBED = msg(gettext_noop("You receive this letter because you subscribed to new reports."))


def report_path(report_id: int) -> str:
    """The report's public page."""
    try:
        return reverse("reports:detail", args=[report_id])
    except NoReverseMatch:
        return f"/reports/{report_id}/"


def report_title(report: Report, title: Spec) -> dict:
    return msg(gettext_noop("Report No. %(number)s: %(title)s"), number=report.pk, title=title)


def _facts(report: Report, *, due: bool = True, agency: bool = False) -> list[Spec]:
    lines: list[Spec] = [msg(gettext_noop("Topic: %(topic)s"), topic=report.topic.name)]
    lines.append(msg(gettext_noop("Municipality: %(name)s"), name=report.municipality.name))
    if report.address:
        lines.append(msg(gettext_noop("Address: %(address)s"), address=report.address))
    if agency and report.agency_id:
        lines.append(msg(gettext_noop("Agency: %(agency)s"), agency=report.agency.name))
    if due and report.due_at:
        lines.append(msg(gettext_noop("Answer due: %(date)s"), date=day(report.due_at)))
    return lines


def _text(entry: TimelineEntry | None) -> Spec:
    """The entry's words: the system's message (translated when shown), then what a person
    wrote, as written."""
    if entry is None:
        return ""
    if entry.message:
        return join(msg(entry.message, **entry.params), entry.text.strip(), sep=" ")
    return entry.text.strip()


def _message(kind: str, report: Report, title: Spec, lines: list[Spec], **extra) -> Message:
    return Message(
        kind=kind,
        title=report_title(report, title),
        text=[line for line in lines if line],
        link=report_path(report.pk),
        reason=extra.pop("reason", TAKING_PART),
        **subject(report),
        **extra,
    )


# --- To the author ---------------------------------------------------------------------------


def _received(report, entry, data, recipient) -> Message:
    lines = [
        msg(
            gettext_noop(
                "A moderator checks it, publishes it and sends it to the agency that must "
                "answer; you will be told of each step."
            )
        ),
        *_facts(report, due=False),
    ]
    title = msg(gettext_noop("Report No. %(number)s is received"), number=report.pk)
    return replace(_message("received", report, "", lines), title=title)


def _status_changed(report, entry, data, recipient) -> Message:
    status = entry.status_to if entry is not None and entry.status_to else report.status
    label = Status(status).label if status in Status.values else status
    lines = [_text(entry)]
    if status == Status.ROUTED:
        lines += _facts(report, agency=True)
    title = msg(gettext_noop("new status «%(status)s»"), status=label)
    return _message("status_changed", report, title, lines)


def _answered(report, entry, data, recipient) -> Message:
    answer = report.answers.order_by("-created_at", "-pk").first()
    lines: list[Spec] = []
    if answer is not None:
        kind = Answer.Kind(answer.kind).label
        lines.append(msg(gettext_noop("Answer: %(kind)s"), kind=kind))
        if answer.kind == Answer.Kind.SCHEDULED and answer.planned_date:
            planned = day(answer.planned_date)
            lines.append(msg(gettext_noop("Planned date: %(date)s"), date=planned))
        lines.append(answer.text)
    else:
        lines.append(_text(entry))
    lines.append(msg(gettext_noop("Please confirm the answer or dispute it on the report's page.")))
    title = msg(gettext_noop("the agency has answered"))
    return _message("answered", report, title, lines)


def _deadline_extended(report, entry, data, recipient) -> Message:
    title = msg(
        gettext_noop("the answer deadline is extended to %(date)s"), date=day(report.due_at)
    )
    reason = _text(entry) or report.extension_reason
    lines = [msg(gettext_noop("Reason: %(reason)s"), reason=reason)]
    return _message("deadline_extended", report, title, lines)


def _overdue_author(report, entry, data, recipient) -> Message:
    lines = [
        msg(gettext_noop("The agency was to answer by %(date)s."), date=day(report.due_at)),
        msg(gettext_noop("We have reminded the agency; its head is told if the delay goes on.")),
    ]
    title = msg(gettext_noop("the answer deadline has passed"))
    return _message("overdue", report, title, lines)


# --- To the agency ---------------------------------------------------------------------------


def _new_work(report, entry, data, recipient) -> Message:
    title = msg(gettext_noop("new report for your agency"))
    return _message("new_work", report, title, _facts(report))


def _reopened(report, entry, data, recipient) -> Message:
    reason = msg(gettext_noop("The author's reason: %(reason)s"), reason=_text(entry))
    title = msg(gettext_noop("the author disputed the answer"))
    return _message("reopened", report, title, [reason, *_facts(report)])


def _support_threshold(report, entry, data, recipient) -> Message:
    count = int(data.get("threshold") or report.support_count)
    title = plural(
        ngettext_lazy(
            "supported by %(count)d resident", "supported by %(count)d residents", "count"
        ),
        count=count,
    )
    return _message("support_threshold", report, title, _facts(report))


def _reminder(report, entry, data, recipient) -> Message:
    title = msg(gettext_noop("the answer is due %(date)s"), date=day(report.due_at))
    return _message("reminder", report, title, _facts(report))


def _overdue(report, entry, data, recipient) -> Message:
    title = msg(gettext_noop("the answer deadline has passed"))
    return _message("overdue", report, title, _facts(report))


def _escalation(report, entry, data, recipient) -> Message:
    title = plural(
        ngettext_lazy(
            "the answer is %(days)d working day overdue",
            "the answer is %(days)d working days overdue",
            "days",
        ),
        days=int(data.get("days", 0)),
    )
    lines = [
        msg(gettext_noop("As the agency's head you are told of reports overdue.")),
        *_facts(report),
    ]
    return _message("escalation", report, title, lines)


# --- To moderators ---------------------------------------------------------------------------


def _submitted(report, entry, data, recipient) -> Message:
    title = msg(gettext_noop("awaiting moderation"))
    return _message("submitted", report, title, _facts(report, due=False))


def _declined(report, entry, data, recipient) -> Message:
    lines = [
        msg(gettext_noop("The agency's reason: %(reason)s"), reason=_text(entry)),
        *_facts(report, due=False, agency=True),
    ]
    title = msg(gettext_noop("the agency declined it: route it again"))
    return _message("declined", report, title, lines)


def _reassignment_requested(report, entry, data, recipient) -> Message:
    lines = [
        msg(gettext_noop("The agency's reason: %(reason)s"), reason=_text(entry)),
        *_facts(report, agency=True),
    ]
    title = msg(gettext_noop("the agency asks to reassign it"))
    return _message("reassignment_requested", report, title, lines)


# --- To the author, the agency and followers ----------------------------------------------


def _press_coverage(report, entry, data, recipient) -> Message:
    link = report.press_links.order_by("-pk").first()
    lines: list[Spec] = [_text(entry)]
    if link is not None:
        lines.append(link.url)
    lines += _facts(report, due=False, agency=True)
    title = msg(gettext_noop("a publication in the media"))
    return _message("press_coverage", report, title, lines)


def _followed_news(report, entry, data, recipient) -> Message:
    """Public news of a followed report: its new status, the answer's words, a publication."""
    lines: list[Spec] = []
    if entry is not None and entry.kind == TimelineEntry.Kind.STATUS and entry.status_to:
        status = Status(entry.status_to).label
        lines.append(msg(gettext_noop("New status: «%(status)s»"), status=status))
    lines.append(_text(entry))
    title = msg(gettext_noop("news of a report you follow"))
    return _message("followed_news", report, title, lines, reason=FOLLOWING)


# --- To subscribers --------------------------------------------------------------------------


def _subscription(subscription) -> Spec:
    """What he subscribed to: municipality, category, map area — names as they are stored."""
    parts: list[Spec] = []
    if subscription.municipality_id:
        parts.append(subscription.municipality.name)
    if subscription.category_key:
        parts.append(subscription.category_name)
    if subscription.has_area:
        parts.append(msg(gettext_noop("map area")))
    return join(*parts)


def _new_report(report, entry, data, recipient) -> Message:
    lines = [*_facts(report, due=False), Truncator(report.text).chars(300)]
    extra = {}
    if recipient is not None and recipient.subscription is not None:
        extra = {
            "unsubscribe": subscription_scope(recipient.subscription.pk),
            "reason": SUBSCRIBED,
        }
        what = _subscription(recipient.subscription)
        lines.append(msg(gettext_noop("You subscribed to: %(what)s"), what=what))
    title = msg(gettext_noop("new report on your subscription"))
    return _message("new_report", report, title, lines, **extra)


Builder = Callable[[Report, TimelineEntry | None, dict, Recipient | None], Message]

BUILDERS: dict[str, Builder] = {
    "received": _received,
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
    "press_coverage": _press_coverage,
    "followed_news": _followed_news,
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
