from django import template

from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import balance_of

register = template.Library()

CABINET_SHOWN = 5


@register.simple_tag(takes_context=True)
def capital_section(context) -> dict:
    """The resident's virtual capital and his latest gifts for the cabinet (two queries)."""
    user = context["request"].user
    return {
        "balance": balance_of(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user),
        "gifts": list(user.capital_gifts.select_related("project").order_by("-pk")[:CABINET_SHOWN]),
    }
