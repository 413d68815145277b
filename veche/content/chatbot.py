"""The knowledge base as the chatbot's knowledge (veche/chatbot): every visible entry, its
answer as plain text (one query)."""

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from veche.chatbot.registry import Knowledge

from .models import KbEntry


def entries() -> list[Knowledge]:
    found = KbEntry.objects.visible().select_related("category")
    return [
        Knowledge(
            key=f"content.kb:{entry.pk}",
            question=entry.question,
            answer=" ".join(strip_tags(entry.answer).split()),
            url=entry.get_absolute_url(),
            category=entry.category.name,
        )
        for entry in found
    ]


INDEX = (_("All questions and answers"), lambda: reverse("content:kb"))
