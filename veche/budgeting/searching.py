"""Initiative-budgeting contests in the site-wide search (veche/search): public once published.
Their rules are sanitized HTML; the index keeps the words only."""

from django.utils.html import strip_tags

from veche.search.registry import Document, SearchKind

from .models import Contest


def _document(contest: Contest) -> Document:
    return Document(
        title=contest.title,
        url=contest.get_absolute_url(),
        public=contest.is_published,
        moment=contest.published_at or contest.created_at,
        text=strip_tags(contest.rules),
        municipality_id=contest.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="budgeting.contest",
        label=Contest._meta.verbose_name_plural,
        model=Contest,
        document=_document,
        order=50,
    )
