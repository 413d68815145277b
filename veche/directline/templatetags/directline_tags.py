"""The cabinet's «My questions to the direct line» section (accounts/cabinet.py): the resident's
latest questions with their state."""

from django import template
from django.utils.translation import pgettext_lazy

from ..models import Question, QuestionStatus
from ..selectors import my_questions

register = template.Library()
CABINET_SHOWN = 10
ANSWERED = pgettext_lazy("direct line question", "answered")


@register.simple_tag(takes_context=True)
def my_questions_section(context) -> dict:
    questions = my_questions(context["request"].user)
    return {"questions": list(questions[:CABINET_SHOWN]), "total": questions.count()}


@register.inclusion_tag("directline/_state.html")
def question_state(question: Question) -> dict:
    """The question's state as a badge: answered, published, awaiting moderation or rejected."""
    if question.is_answered:
        return {"label": ANSWERED, "tone": "success"}
    tones = {QuestionStatus.PUBLISHED: "info", QuestionStatus.REJECTED: "error"}
    return {"label": question.get_status_display(), "tone": tones.get(question.status, "warning")}
