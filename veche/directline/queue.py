"""Direct-line questions in the shared moderation queue (veche/moderation,
`/moderation/?kind=directline.question`): published with `question_publish`, rejected with
`question_reject` and one of the listed reasons (kept in the staff audit row)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .models import REJECT_REASONS, Question

KIND = "directline.question"
REASONS = [(code, gettext_lazy(label)) for code, label in REJECT_REASONS.items()]


def pending(user) -> list[ModerationItem]:
    return [
        ModerationItem(
            kind=KIND,
            id=question.pk,
            title=f"{question.campaign.title}: № {question.pk}",
            excerpt=Truncator(question.text).chars(300),
            url=reverse("directline:work", args=[question.campaign_id])
            + f"#question-{question.pk}",
            territory=question.campaign.municipality.name if question.campaign.municipality else "",
            author=question.author.public_name if question.author else "",
            created_at=question.created_at,
            flags=(str(question.get_channel_display()),),
        )
        for question in selectors.pending_for(user)
    ]


def count(user) -> int:
    return len(selectors.pending_for(user))


def approve(user, item_id: int) -> str:
    question = services.question_publish(
        user=user, question=get_object_or_404(Question, pk=item_id)
    )
    return _("Question № %(number)s is published.") % {"number": question.pk}


def reject(user, item_id: int, reason_code: str, note: str) -> str:
    question = get_object_or_404(Question, pk=item_id)
    services.question_reject(user=user, question=question, reason=reason_code)
    return _("Question № %(number)s is rejected.") % {"number": question.pk}


def source() -> ModerationSource:
    return ModerationSource(
        kind=KIND,
        label=gettext_lazy("direct line questions"),
        pending=pending,
        count=count,
        approve=approve,
        reject=reject,
        reasons=lambda: [(code, str(label)) for code, label in REASONS],
        order=40,
    )
