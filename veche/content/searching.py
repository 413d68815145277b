"""News, pages and the knowledge base in the site-wide search (veche/search). An item is public
once it is visible (published, its time come); a scheduled one is indexed hidden and shown by
`manage.py content_index_scheduled` (run hourly) when its time comes."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from veche.search.registry import Document, SearchKind

from .models import KbEntry, News, Page

WATCH = ("status", "published_at", "title", "lead", "body", "municipality")


def _plain(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def _news(item: News) -> Document:
    return Document(
        title=item.title,
        url=item.get_absolute_url(),
        public=item.is_visible(),
        moment=item.published_at or item.created_at,
        text=" ".join((item.lead, _plain(item.body), item.theme.name if item.theme else "")),
        excerpt=item.lead or _plain(item.body),
        municipality_id=item.municipality_id,
    )


def _page(item: Page) -> Document:
    return Document(
        title=item.title,
        url=item.get_absolute_url(),
        public=item.is_visible(),
        moment=item.published_at or item.created_at,
        text=" ".join((item.lead, _plain(item.body), item.byline)),
        excerpt=item.lead or _plain(item.body),
        municipality_id=item.municipality_id,
    )


def _kb(item: KbEntry) -> Document:
    return Document(
        title=item.question,
        url=item.get_absolute_url(),
        public=item.is_visible(),
        moment=item.published_at or item.created_at,
        text=" ".join((_plain(item.answer), item.category.name)),
        excerpt=_plain(item.answer),
        municipality_id=item.municipality_id,
    )


KINDS = {
    "content.news": News,
    "content.page": Page,
    "content.kbentry": KbEntry,
}


def search_kinds() -> list[SearchKind]:
    return [
        SearchKind(
            kind="content.news",
            label=_("news"),
            model=News,
            document=_news,
            rows=lambda: News.objects.select_related("theme"),
            watch=WATCH + ("theme",),
            order=60,
        ),
        SearchKind(
            kind="content.page",
            label=_("pages"),
            model=Page,
            document=_page,
            watch=WATCH + ("byline", "path"),
            order=65,
        ),
        SearchKind(
            kind="content.kbentry",
            label=_("questions and answers"),
            model=KbEntry,
            document=_kb,
            rows=lambda: KbEntry.objects.select_related("category"),
            watch=("status", "published_at", "question", "answer", "category", "municipality"),
            order=66,
        ),
    ]
