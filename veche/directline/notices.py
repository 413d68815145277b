"""What the direct line tells the resident who asked: that his question is answered, or that
moderation declined it (with the reason). Words are message ids with parameters
(notifications.text), rendered in the reader's language; the notifications app carries them.
The services enqueue `tasks.deliver_question_notice` in their own transaction."""

from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from veche.notifications.messages import Message
from veche.notifications.services import notify
from veche.notifications.text import msg

from .models import REJECT_REASONS, Question

ASKER = msg(gettext_noop("You receive this letter because you asked this question."))
TITLES = {
    "answered": gettext_noop("Your question to «%(line)s» is answered"),
    "rejected": gettext_noop("Your question to «%(line)s» is not published"),
}


def _lines(kind: str, question: Question, reason: str) -> list:
    lines: list = [msg(gettext_noop("Your question: %(text)s"), text=_short(question.text))]
    if kind == "rejected":
        label = REJECT_REASONS.get(reason)
        if label:
            lines.append(msg(gettext_noop("Reason: %(reason)s"), reason=msg(label)))
        return lines
    if question.answer_text:
        lines.append(msg(gettext_noop("Answer: %(text)s"), text=_short(question.answer_text)))
    if question.answer_at_seconds is not None:
        lines.append(
            msg(gettext_noop("The answer in the recording: %(moment)s"), moment=question.moment)
        )
    return lines


def _short(text: str) -> str:
    return Truncator(text).chars(300)


def message(kind: str, question: Question, reason: str = "") -> Message:
    return Message(
        kind=f"directline.{kind}",
        title=msg(TITLES[kind], line=question.campaign.title),
        text=_lines(kind, question, reason),
        link=f"{question.campaign.get_absolute_url()}#question-{question.pk}"
        if kind == "answered"
        else question.campaign.get_absolute_url(),
        subject_type="directline.question",
        subject_id=str(question.pk),
        reason=ASKER,
    )


def deliver(*, kind: str, question_id: int, reason: str = "") -> int:
    """Tell the asker; nobody for a call or a letter (no account) or a deleted account. A retried
    task finds its key claimed and tells nobody twice."""
    question = Question.objects.select_related("campaign", "author").filter(pk=question_id).first()
    if question is None or question.author is None or not question.author.is_active:
        return 0
    return notify(
        recipients=[question.author],
        message=message(kind, question, reason),
        once_key=f"directline:{kind}:{question.pk}",
    )
