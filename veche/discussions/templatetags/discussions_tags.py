"""The cabinet's «My proposals» section (accounts/cabinet.py): the resident's latest proposals on
drafts with the authority's answer once the report is out."""

from django import template

from ..selectors import my_proposals

register = template.Library()
CABINET_SHOWN = 10


@register.simple_tag(takes_context=True)
def my_proposals_section(context) -> dict:
    proposals = my_proposals(context["request"].user)
    return {"proposals": list(proposals[:CABINET_SHOWN]), "total": proposals.count()}
