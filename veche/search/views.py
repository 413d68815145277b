"""The search page: a GET form, kinds as tabs with counts, hits a guest may see. No JavaScript."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core.components import Tab

from . import selectors


def _tabs(results: selectors.Results) -> list[Tab]:
    def url(kind: str) -> str:
        params = {"q": results.query, **({"kind": kind} if kind else {})}
        return "?" + urlencode(params)

    tabs = [Tab(_("everything"), url(""), results.total, not results.kind)]
    tabs += [
        Tab(facet.label, url(facet.kind), facet.count, facet.kind == results.kind)
        for facet in results.facets
    ]
    return tabs


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    results = selectors.search(
        request.GET.get("q", ""), kind=request.GET.get("kind", ""), page=request.GET.get("page", 1)
    )
    return render(
        request,
        "search/page.html",
        {"results": results, "tabs": _tabs(results) if results.total else []},
    )
