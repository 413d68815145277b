"""The search page's reads: public entries matching every word of the query, kinds as facets
with counts, one page of hits. Two queries for a page (the matches' ids and kinds, then the
page's rows)."""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When

from .kinds import SearchKind, searchable, searchable_kinds
from .models import SearchEntry
from .text import stems_condition

PER_PAGE = 20


@dataclass(frozen=True)
class Facet:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    spec: SearchKind


@dataclass(frozen=True)
class Results:
    query: str
    kind: str  # "" for every kind
    facets: list[Facet]
    total: int  # hits of every kind
    page: Page | None
    hits: list[Hit]


def public_matches(query: str) -> QuerySet[SearchEntry]:
    """Public entries of registered kinds whose stems hold every word of the query (none for an
    empty query)."""
    condition = stems_condition(query, "stems")
    if not condition:
        return SearchEntry.objects.none()
    kinds = [spec.kind for spec in searchable_kinds()]
    return SearchEntry.objects.filter(condition, public=True, kind__in=kinds)


def search(query: str, *, kind: str = "", page: int | str = 1, per_page: int = PER_PAGE) -> Results:
    """One scan reads the ids and kinds of every match in order (the facets are counted from
    them), a second query reads the page's entries: two queries, one pass over the index."""
    query = " ".join((query or "").split())[:200]
    kind = kind if searchable(kind) else ""
    if not stems_condition(query, "stems"):
        return Results(query, kind, [], 0, None, [])
    in_title = stems_condition(query, "title_stems")
    ranked = public_matches(query).annotate(
        in_title=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    matches = list(ranked.order_by("-in_title", "-moment", "-pk").values_list("pk", "kind"))
    counts = Counter(match_kind for _pk, match_kind in matches)
    facets = [
        Facet(spec.kind, spec.label, counts[spec.kind])
        for spec in searchable_kinds()
        if counts.get(spec.kind)
    ]
    if not matches:
        return Results(query, kind, facets, 0, None, [])
    ids = [pk for pk, match_kind in matches if not kind or match_kind == kind]
    current = Paginator(ids, per_page).get_page(page)
    entries = SearchEntry.objects.select_related("municipality").in_bulk(current.object_list)
    hits = [
        Hit(entries[pk], searchable(entries[pk].kind))
        for pk in current.object_list
        if pk in entries
    ]
    return Results(query, kind, facets, len(matches), current, hits)
