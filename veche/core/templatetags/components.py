"""`{% load components %}`: the shared components that need a little logic (docs/design.md).

{% breadcrumbs _("Problem reports") "reports:list" title %}
    Home › Problem reports › <title>: pairs of label and URL (a path or a URL name), then the
    current page's label. «Home» always comes first.
{% pagination page %}
    Numbered pages of a Django Page, keeping the list's other query parameters.
{% badge text tone %}
    A status badge; tones neutral (default), info, success, warning, error, accent.
"""

from django import template
from django.core.paginator import Page
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import components
from ..components import page_window

register = template.Library()


register.simple_tag(components.badge, name="badge")


@register.inclusion_tag("core/components/breadcrumbs.html")
def breadcrumbs(*parts: str) -> dict:
    if len(parts) % 2 != 1:
        raise template.TemplateSyntaxError(
            "breadcrumbs takes pairs of label and URL, then the current page's label"
        )
    links = [(_("Home"), reverse("core:home"))]
    links += [(parts[i], _resolve(parts[i + 1])) for i in range(0, len(parts) - 1, 2)]
    return {"links": links, "current": parts[-1]}


def _resolve(url: str) -> str:
    if url.startswith(("/", "http://", "https://", "?", "#")):
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return url


@register.inclusion_tag("core/components/pagination.html", takes_context=True)
def pagination(context, page: Page, param: str = "page") -> dict:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is not None:
        query.pop(param, None)

    def link(number: int) -> str:
        if query is None:
            return f"?{param}={number}"
        params = query.copy()
        params[param] = str(number)
        return "?" + params.urlencode()

    pages = []
    if page.paginator.num_pages > 1:
        for number in page_window(page.number, page.paginator.num_pages):
            pages.append({"number": number, "url": link(number) if number else ""})
    return {
        "page": page,
        "pages": pages,
        "previous_url": link(page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page.next_page_number()) if page.has_next() else "",
    }
