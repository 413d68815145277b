"""Direct lines in the site-wide search (veche/search): every line is public, found by its
title and description."""

from veche.search.registry import Document, SearchKind

from .models import Campaign


def _document(line: Campaign) -> Document:
    return Document(
        title=line.title,
        url=line.get_absolute_url(),
        public=True,
        moment=line.event_at,
        text=line.description,
        excerpt=line.description,
        municipality_id=line.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="directline.campaign",
        label=Campaign._meta.verbose_name_plural,
        model=Campaign,
        document=_document,
        watch=("title", "description", "event_at", "municipality"),
        order=68,
    )
