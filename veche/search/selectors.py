"""The search page's reads: public entries matching every word of the query, kinds as facets
with counts, one page of hits. Two queries for a page (facets, then the page's rows)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

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


class _Counted:
    """A queryset whose count is already known (from the facets), so the paginator does not
    count again."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return list(self.queryset[index])


def public_matches(query: str) -> QuerySet[SearchEntry]:
    """Public entries of registered kinds whose stems hold every word of the query (none for an
    empty query)."""
    condition = stems_condition(query, "stems")
    if not condition:
        return SearchEntry.objects.none()
    kinds = [spec.kind for spec in searchable_kinds()]
    return SearchEntry.objects.filter(condition, public=True, kind__in=kinds)


def search(query: str, *, kind: str = "", page: int | str = 1, per_page: int = PER_PAGE) -> Results:
    query = " ".join((query or "").split())[:200]
    found = public_matches(query)
    counts = dict(found.values_list("kind").annotate(n=Count("pk")).order_by()) if query else {}
    facets = [
        Facet(spec.kind, spec.label, counts[spec.kind])
        for spec in searchable_kinds()
        if counts.get(spec.kind)
    ]
    kind = kind if searchable(kind) else ""
    total = sum(counts.values())
    if not total:
        return Results(query, kind, facets, 0, None, [])
    if kind:
        found = found.filter(kind=kind)
    in_title = stems_condition(query, "title_stems")
    ranked = found.annotate(
        in_title=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).select_related("municipality")
    ranked = ranked.order_by("-in_title", "-moment", "-pk")
    paginator = Paginator(_Counted(ranked, counts.get(kind, 0) if kind else total), per_page)
    current = paginator.get_page(page)
    hits = [Hit(entry, searchable(entry.kind)) for entry in current.object_list]
    return Results(query, kind, facets, total, current, hits)
