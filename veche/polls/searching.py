"""Polls in the site-wide search (veche/search): public once published."""

from veche.search.registry import Document, SearchKind

from .models import Poll


def _document(poll: Poll) -> Document:
    return Document(
        title=poll.title,
        url=poll.get_absolute_url(),
        public=poll.is_published,
        moment=poll.published_at or poll.opens_at,
        text=poll.description,
        municipality_id=poll.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="polls.poll",
        label=Poll._meta.verbose_name_plural,
        model=Poll,
        document=_document,
        watch=("status", "title", "description", "municipality", "published_at"),
        order=30,
    )
