"""Moderation: publish and route, reject with a listed reason, redact, merge duplicates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veche.agencies.models import Agency
from veche.agencies.selectors import agencies_serving
from veche.core.text import clean_text
from veche.supports.services import move_supports

from ..deadlines import due_for, legal_limit
from ..models import RejectionReason, Report, Status, TimelineEntry
from ..routing import agency_for
from ..search import stems
from ..wording import sent_to_message
from ._common import lock, move, record, report_event, require, require_status
from .supports import REPORT_SUPPORTS

NOT_MODERATOR = gettext_lazy("You do not moderate reports of this territory.")


def report_publish(*, moderator, report: Report) -> Report:
    """Publish a submitted report and route it; the deadline starts now."""
    with transaction.atomic():
        report = lock(report)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require_status(report, "publish")
        agency = agency_for(topic=report.topic, municipality=report.municipality)
        _route(report, agency, moderator, event="published")
        return report


def report_reroute(*, moderator, report: Report, agency: Agency | None = None) -> Report:
    """Send a report the agency declined (or one routed wrongly) to another agency."""
    with transaction.atomic():
        report = lock(report)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require_status(report, "reroute")
        if agency is not None and not agencies_serving(report.municipality).filter(pk=agency.pk):
            raise ValidationError(
                _("%(agency)s does not serve %(municipality)s.")
                % {"agency": agency.name, "municipality": report.municipality.name},
                code="agency_territory",
            )
        agency = agency or agency_for(topic=report.topic, municipality=report.municipality)
        if agency.pk == report.agency_id:
            raise ValidationError(_("The report is already with this agency."), code="same_agency")
        _route(report, agency, moderator, event="rerouted")
        return report


def _route(report: Report, agency: Agency, actor, *, event: str) -> None:
    now = timezone.now()
    report.agency = agency
    report.routed_at = now
    due = due_for(report.topic, now)
    if report.due_at is not None:  # re-routed: the legal limit still runs from the filing
        due = min(due, legal_limit(report.created_at))
    report.due_at = due
    message, params = sent_to_message(agency)
    move(
        report,
        Status.ROUTED,
        actor=actor,
        event=event,
        payload={"agency": agency.pk},
        message=message,
        params=params,
        fields=("agency", "routed_at", "due_at"),
    )


def report_reject(
    *, moderator, report: Report, reason: RejectionReason, comment: str = ""
) -> Report:
    with transaction.atomic():
        report = lock(report)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require_status(report, "reject")
        if not reason.is_active:
            raise ValidationError(_("Choose a reason from the list."), code="reason")
        report.rejection_reason = reason
        comment = clean_text(comment).strip()
        text = reason.text + (f" {comment}" if comment else "")
        move(
            report,
            Status.REJECTED,
            actor=moderator,
            event="rejected",
            payload={"reason": reason.code},
            text=text,
            fields=("rejection_reason",),
        )
        return report


def report_redact(*, moderator, report: Report, text: str, address: str | None = None) -> Report:
    """Replace the public text (and address) to remove personal data; the change is logged."""
    with transaction.atomic():
        report = lock(report)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require_status(report, "redact")
        text = clean_text(text or "").strip()
        if not text:
            raise ValidationError({"text": [_("The text cannot be empty.")]})
        report.text = text
        if address is not None:
            report.address = clean_text(address).strip()[:300]
        report.search_stems = stems(report.text, report.topic.name, report.address)
        report.full_clean()
        report.save(update_fields=["text", "address", "search_stems", "updated_at"])
        record(
            report,
            kind=TimelineEntry.Kind.REDACTION,
            actor=moderator,
            message=gettext_noop("Personal data removed by a moderator."),
        )
        report_event("redacted", report, actor=moderator)
        return report


def report_mark_duplicate(*, moderator, report: Report, original: Report) -> Report:
    """Merge a report into an earlier one: its supporters (and its author) support the original."""
    with transaction.atomic():
        report, original = lock(report), lock(original)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require(moderator, "reports.moderate_report", original, NOT_MODERATOR)
        require_status(report, "merge")
        _check_original(report, original)
        carried = _carry_supports(report, original)
        report.duplicate_of = original
        move(
            report,
            Status.DUPLICATE,
            actor=moderator,
            event="merged",
            payload={"original": original.pk, "supports_carried": carried},
            message=gettext_noop("Merged into report № %(number)s."),
            params={"number": original.pk},
            fields=("duplicate_of",),
        )
        return report


def report_move_to_idea(*, moderator, report: Report, url: str, number: int, title: str) -> Report:
    """Close a report that is a proposal, not a problem: another module (ideas) took it over as
    its item № `number` at `url`. The timeline and the author's notice say where it went; the
    caller carries the supports over (`veche.supports.services.move_supports` with the reports'
    kind as `source_spec`) in the same transaction."""
    url = clean_text(url or "").strip()
    if not url.startswith("/") or len(url) > 300:
        raise ValidationError(_("Give the address of the page on this site."), code="url")
    with transaction.atomic():
        report = lock(report)
        require(moderator, "reports.moderate_report", report, NOT_MODERATOR)
        require_status(report, "move_to_idea")
        report.moved_to = url
        report.closed_at = timezone.now()
        move(
            report,
            Status.IDEA,
            actor=moderator,
            event="moved_to_idea",
            payload={"idea": number},
            message=gettext_noop(
                "A moderator turned this report into idea № %(number)s: %(title)s"
            ),
            params={"number": number, "title": clean_text(title)[:200]},
            fields=("moved_to", "closed_at"),
        )
        return report


def _check_original(report: Report, original: Report) -> None:
    if original.pk == report.pk or original.duplicate_of_id == report.pk:
        raise ValidationError(_("A report cannot be a duplicate of itself."), code="self")
    if not original.is_public or original.status == Status.DUPLICATE:
        raise ValidationError(
            _("Merge into a published report that is not itself a duplicate."), code="original"
        )


def _carry_supports(report: Report, original: Report) -> int:
    """The duplicate's supporters and its author support the original, each once (its own
    author excepted); returns how many were carried."""
    carried = move_supports(
        REPORT_SUPPORTS,
        source=report,
        target=original,
        also=[report.author_id],
        skip=[original.author_id],
    )
    original.save(update_fields=["updated_at"])
    return carried
