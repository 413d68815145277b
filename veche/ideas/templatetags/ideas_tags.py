"""Template helpers of the idea pages and the "my ideas" section of the cabinet."""

from datetime import date

from django import template
from django.utils.text import capfirst

from veche.core.components import badge

from ..selectors import my_ideas

register = template.Library()

CABINET_SHOWN = 10
# The badge tone of each status (core/components/badge.html): the colour repeats the words.
TONES = {
    "submitted": "warning",
    "rejected": "error",
    "published": "info",
    "considered": "info",
    "taken": "accent",
    "implemented": "success",
    "declined": "neutral",
    "merged": "neutral",
}


@register.filter
def idea_tone(status: str) -> str:
    return TONES.get(status, "neutral")


@register.simple_tag
def idea_status(idea) -> str:
    """The idea's status as a badge (in Python: every card of the list shows one)."""
    return badge(capfirst(idea.get_status_display()), idea_tone(idea.status))


@register.filter
def iso_day(value: str) -> date | None:
    """A date stored as ISO text (a timeline entry's parameter) as a date, for local_date."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.simple_tag(takes_context=True)
def my_ideas_section(context) -> dict:
    """The resident's latest ideas for the cabinet, and how many there are in all."""
    ideas = my_ideas(context["request"].user)
    return {"ideas": list(ideas[:CABINET_SHOWN]), "total": ideas.count()}
