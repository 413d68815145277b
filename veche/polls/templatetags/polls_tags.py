from django import template

from ..selectors import my_ballots

register = template.Library()
CABINET_SHOWN = 10


@register.simple_tag(takes_context=True)
def my_votes_section(context) -> dict:
    """The resident's latest ballots for the cabinet, and how many there are in all."""
    ballots = my_ballots(context["request"].user)
    return {"ballots": list(ballots[:CABINET_SHOWN]), "total": ballots.count()}
