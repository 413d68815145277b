"""Drafts under public discussion in the site-wide search (veche/search): public once
published."""

from veche.search.registry import Document, SearchKind

from .models import Draft


def _document(draft: Draft) -> Document:
    return Document(
        title=draft.title,
        url=draft.get_absolute_url(),
        public=draft.is_published,
        moment=draft.published_at or draft.opens_at,
        text=" ".join((draft.summary, draft.report_summary)),
        excerpt=draft.summary,
        municipality_id=draft.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="discussions.draft",
        label=Draft._meta.verbose_name_plural,
        model=Draft,
        document=_document,
        order=40,
    )
