"""`{% load notifications %}`: the unread count for the header.

    {% unread_count %}            → the number, e.g. 3 (0 for visitors)
    {% unread_count as unread %}  → into a variable
    {% notifications_link %}      → an accessible link to the list with the count

The count is read once per request and kept on it, however often the tags appear.
"""

from django import template

from ..selectors import unread_count as count_unread

register = template.Library()


def _count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if request is None:
        return count_unread(user)
    if not hasattr(request, "_veche_unread"):
        request._veche_unread = count_unread(user)
    return request._veche_unread


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    return _count(context)


@register.inclusion_tag("notifications/_link.html", takes_context=True)
def notifications_link(context) -> dict:
    return {"unread": _count(context)}
