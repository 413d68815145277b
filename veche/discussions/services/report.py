"""The final report: after the discussion closes the organizer answers every proposal —
accepted, partially accepted, or rejected with a reason — and publishes the report. It cannot be
published while a proposal is unanswered; answers can be changed until it is published."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.comments.models import Comment
from veche.core.text import clean_text
from veche.staff.services import audit_log

from ..events import draft_event, draft_notice
from ..models import Draft, DraftComment, Outcome
from ._common import lock, require

MAX_REASON = 2000


def proposals(draft: Draft):
    """The proposals the report answers: those whose comment is public (a removed or
    never-approved proposal is not the public's word)."""
    return DraftComment.objects.filter(
        draft=draft, is_proposal=True, comment__status=Comment.Status.PUBLISHED
    )


def _report_refusal(draft: Draft) -> str:
    if draft.report_published_at is not None:
        return _("The report is published: its answers can no longer change.")
    if draft.phase != "closed":
        return _("Proposals are answered after the discussion closes.")
    return _("Only the organizers of the discussion answer proposals.")


def proposal_answer(*, user, note: DraftComment, outcome: str, reason: str = "") -> DraftComment:
    """Answer a proposal (again, until the report is published)."""
    reason = clean_text(reason or "").strip()
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose accepted, partially accepted or rejected.")]
    if outcome in (Outcome.REJECTED, Outcome.PARTIAL) and not reason:
        errors["reason"] = [_("Say why the proposal is not accepted in full.")]
    if len(reason) > MAX_REASON:
        errors["reason"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_REASON}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        draft = lock(note.draft)
        require(user, "discussions.answer_proposal", draft, _report_refusal(draft))
        note = proposals(draft).select_for_update(of=("self",)).filter(pk=note.pk).first()
        if note is None:
            raise ValidationError(_("This proposal is not among the published ones."))
        first = note.answered_at is None
        note.outcome, note.reason = outcome, reason
        note.answered_at, note.answered_by = timezone.now(), user
        note.full_clean()
        note.save(update_fields=["outcome", "reason", "answered_at", "answered_by"])
        draft_event(
            "proposal_answered",
            draft,
            actor=user,
            payload={"proposal": note.pk, "outcome": outcome, "first": first},
        )
        audit_log(
            actor=user,
            action="discussions.answer",
            target=draft,
            details={"proposal": note.pk, "outcome": outcome},
        )
    return note


def unanswered_count(draft: Draft) -> int:
    return proposals(draft).filter(outcome="").count()


def report_publish(*, user, draft: Draft, summary: str = "") -> Draft:
    """Publish the final report; refused while a public proposal is unanswered. Everyone who took
    part hears of it, each author of a proposal with his answer."""
    summary = clean_text(summary or "").strip()
    if len(summary) > 5000:
        raise ValidationError(
            {"summary": [_("The text is too long: at most %(max)d characters.") % {"max": 5000}]}
        )
    with transaction.atomic():
        draft = lock(draft)
        require(user, "discussions.publish_report", draft, _report_refusal(draft))
        # Lock the proposals we count: an answer cannot change under the check.
        waiting = list(
            proposals(draft)
            .select_for_update(of=("self",))
            .filter(outcome="")
            .values_list("pk", flat=True)
        )
        if waiting:
            raise ValidationError(
                _("%(count)d proposals are not answered yet: answer every proposal first.")
                % {"count": len(waiting)},
                code="unanswered",
            )
        draft.report_summary = summary
        draft.report_published_at = timezone.now()
        draft.full_clean()
        draft.save(update_fields=["report_summary", "report_published_at"])
        draft_event("report_published", draft, actor=user)
        audit_log(actor=user, action="discussions.report", target=draft)
        draft_notice("report", draft)
    return draft
