"""What a searchable kind is (`SearchKind`) and what the index keeps of one item (`Document`);
the table of registered kinds. `registry.register_searchable` fills it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Document:
    """One item as the index keeps it. `text` is only stemmed; `excerpt` (default: the text) is
    shown under the title."""

    title: str
    url: str
    public: bool
    moment: datetime
    text: str = ""
    excerpt: str = ""
    municipality_id: int | None = None


@dataclass(frozen=True)
class SearchKind:
    kind: str  # "<app>.<model>"
    label: str  # plural, lower case: the facet's label
    model: type[Model]
    document: Callable[[Model], Document]
    rows: Callable[[], QuerySet] | None = None  # what is indexed, with its joins
    watch: tuple[str, ...] = ()  # a save naming none of these in update_fields is skipped
    template: str = "search/_hit.html"
    order: int = 100

    def queryset(self) -> QuerySet:
        return self.rows() if self.rows else self.model._default_manager.all()


KINDS: dict[str, SearchKind] = {}


def searchable_kinds() -> list[SearchKind]:
    return sorted(KINDS.values(), key=lambda spec: (spec.order, spec.kind))


def searchable(kind: str) -> SearchKind | None:
    return KINDS.get(kind)
