from django import template

from veche.points import selectors

register = template.Library()

CABINET_SHOWN = 5


@register.simple_tag(takes_context=True)
def points_section(context) -> dict:
    """The resident's balance and latest movements for the cabinet."""
    user = context["request"].user
    return {
        "balance": selectors.balance(user),
        "history": selectors.points_history(user, limit=CABINET_SHOWN),
    }
