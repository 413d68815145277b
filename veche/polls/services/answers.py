"""Moderators decide the words voters wrote (free-text answers and «other»): until approved they
are shown nowhere public (the voter sees his own). Approving or rejecting changes no count: the
option «other» was counted when the ballot was cast; only the words wait."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.staff.services import audit_log

from ..events import poll_event
from ..models import Answer, TextStatus
from ._common import require

# The reasons a moderator may give (code, words); the voter is not told (his ballot stays).
REJECTION_REASONS = {
    "personal-data": gettext_lazy("contains personal data"),
    "offensive": gettext_lazy("offensive or abusive"),
    "off-topic": gettext_lazy("not an answer to the question"),
    "advertising": gettext_lazy("advertising or spam"),
}


def _decide(*, user, answer: Answer, to: str, reason: str = "") -> Answer:
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("ballot__poll")
            .get(pk=answer.pk)
        )
        poll = answer.ballot.poll
        require(
            user,
            "polls.moderate_answers",
            poll,
            _("Only moderators of the poll's municipality decide its answers."),
        )
        if answer.text_status != TextStatus.PENDING:
            raise ValidationError(_("This answer is already decided."), code="decided")
        answer.text_status = to
        answer.save(update_fields=["text_status"])
        kind = "answer_approved" if to == TextStatus.APPROVED else "answer_rejected"
        poll_event(kind, poll, actor=user, payload={"answer": answer.pk, "reason": reason})
        audit_log(
            actor=user,
            action=f"polls.{kind}",
            target=poll,
            details={"answer": answer.pk, "reason": reason},
        )
    return answer


def answer_approve(*, user, answer: Answer) -> Answer:
    return _decide(user=user, answer=answer, to=TextStatus.APPROVED)


def answer_reject(*, user, answer: Answer, reason: str) -> Answer:
    if reason not in REJECTION_REASONS:
        raise ValidationError({"reason": [_("Choose the reason for rejecting.")]})
    return _decide(user=user, answer=answer, to=TextStatus.REJECTED, reason=reason)
