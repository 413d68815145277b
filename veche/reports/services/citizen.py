"""Citizen control: the author rates the answer 1–5 and confirms it (closed) or disputes it
(back to the agency with a new deadline)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veche.core.text import clean_text

from ..deadlines import due_for
from ..models import Answer, Report, Status, TimelineEntry
from ._common import lock, move, record, require, require_status

NOT_AUTHOR = gettext_lazy("Only the author of the report can review the answer.")


def report_confirm(*, author, report: Report, rating: int) -> Report:
    """Confirm a final answer (resolved or refused): the report closes."""
    with transaction.atomic():
        report, answer = _review(author, report, rating, Answer.Verdict.CONFIRMED)
        report.closed_at = timezone.now()
        move(
            report,
            Status.CLOSED,
            actor=author,
            event="confirmed",
            payload={"rating": rating},
            fields=("closed_at",),
        )
        return report


def report_dispute(*, author, report: Report, rating: int, reason: str) -> Report:
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what is wrong with the answer.")]})
    with transaction.atomic():
        report, answer = _review(author, report, rating, Answer.Verdict.DISPUTED)
        report.due_at = due_for(report.topic, timezone.now())
        move(
            report,
            Status.IN_PROGRESS,
            actor=author,
            event="disputed",
            payload={"rating": rating},
            text=reason,
            fields=("due_at",),
        )
        return report


def _review(author, report: Report, rating: int, verdict: str) -> tuple[Report, Answer]:
    if type(rating) is not int or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Rate the answer from 1 to 5.")]})
    report = lock(report)
    require(author, "reports.review_answer", report, NOT_AUTHOR)
    require_status(report, "confirm" if verdict == Answer.Verdict.CONFIRMED else "dispute")
    answer = report.answers.select_for_update().order_by("-created_at", "-pk").first()
    answer.verdict, answer.rating, answer.rated_at = verdict, rating, timezone.now()
    answer.full_clean()
    answer.save(update_fields=["verdict", "rating", "rated_at"])
    record(
        report,
        kind=TimelineEntry.Kind.RATING,
        actor=author,
        message=gettext_noop("Rated the answer %(rating)d of 5."),
        params={"rating": rating},
    )
    return report, answer
