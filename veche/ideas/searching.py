"""Ideas in the site-wide search (veche/search): public once moderated, as on the list."""

from django.urls import reverse

from veche.search.registry import Document, SearchKind

from .models import Idea
from .models.idea import UNPUBLISHED


def _document(idea: Idea) -> Document:
    return Document(
        title=idea.title,
        url=reverse("ideas:detail", args=[idea.pk]),
        public=idea.status not in UNPUBLISHED,
        moment=idea.published_at or idea.created_at,
        text=idea.text,
        municipality_id=idea.municipality_id,
    )


def search_kind() -> SearchKind:
    return SearchKind(
        kind="ideas.idea",
        label=Idea._meta.verbose_name_plural,
        model=Idea,
        document=_document,
        watch=("status", "title", "text", "municipality", "published_at"),
        order=20,
    )
