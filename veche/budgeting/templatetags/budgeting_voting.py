"""The reasoning of a winner decision in the reader's language (winners.py stores msgids)."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def reasoning(decision: dict) -> str:
    if not decision:
        return ""
    return gettext(decision["reason"]) % decision.get("params", {})
