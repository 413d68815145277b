"""Voters' words in the shared moderation queue (veche/moderation,
`/moderation/?kind=polls.answer`): free-text answers and «other» awaiting moderation that this
moderator may decide (selectors.answers_pending_for, scoped by the poll's territory), approved
with `answer_approve`, rejected with `answer_reject` and a listed reason. The services check the
rule and write the event and the staff audit row."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .models import Answer

KIND = "polls.answer"
QUEUE_LIMIT = 500
EXCERPT = 300


def pending(user) -> list[ModerationItem]:
    """One query: the answers with their questions and polls."""
    return [
        ModerationItem(
            kind=KIND,
            id=answer.pk,
            title=_("Answer to «%(question)s»")
            % {"question": Truncator(answer.question.text).chars(120)},
            excerpt=Truncator(answer.text).chars(EXCERPT),
            url=reverse("polls:detail", args=[answer.ballot.poll_id]),
            territory=answer.ballot.poll.municipality.name
            if answer.ballot.poll.municipality
            else _("the whole region"),
            # Voters are not named to moderators: a ballot is secret.
            author=_("a voter"),
            created_at=answer.created_at,
            flags=(answer.ballot.poll.title,),
        )
        for answer in selectors.answers_pending_for(user)[:QUEUE_LIMIT]
    ]


def count(user) -> int:
    return selectors.answers_pending_for(user).count()


def approve(user, item_id: int) -> str:
    services.answer_approve(user=user, answer=get_object_or_404(Answer, pk=item_id))
    return _("The answer is approved.")


def reject(user, item_id: int, reason_code: str, note: str) -> str:
    services.answer_reject(
        user=user, answer=get_object_or_404(Answer, pk=item_id), reason=reason_code
    )
    return _("The answer is rejected.")


def reasons() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in services.REJECTION_REASONS.items()]


def source() -> ModerationSource:
    return ModerationSource(
        kind=KIND,
        label=gettext_lazy("poll answers"),
        pending=pending,
        count=count,
        approve=approve,
        reject=reject,
        reasons=reasons,
        order=30,
    )
