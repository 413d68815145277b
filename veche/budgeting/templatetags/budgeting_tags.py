from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def my_budgeting_section(context) -> dict:
    """The resident's groups and applications for the cabinet."""
    return selectors.my_budgeting(context["request"].user)


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template (a score by criterion id); None when absent."""
    return mapping.get(key) if mapping else None
