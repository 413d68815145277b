"""RSS 2.0 and Atom feeds of the news and of the coming events (django.contrib.syndication)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import selectors

LIMIT = 30


class NewsFeed(Feed):
    link = reverse_lazy("content:news")

    def title(self):
        return _("News · %(portal)s") % {"portal": settings.PORTAL_NAME}

    def description(self):
        return _("News of the open-government portal.")

    def items(self):
        return selectors.news_list()[:LIMIT]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or strip_tags(item.body)[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.theme.name] if item.theme else []


class NewsAtom(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class EventsFeed(Feed):
    link = reverse_lazy("content:events")

    def title(self):
        return _("Events · %(portal)s") % {"portal": settings.PORTAL_NAME}

    def description(self):
        return _("Coming events in the region.")

    def items(self):
        return selectors.events(upcoming_only=True)[:LIMIT]

    def item_title(self, item):
        start = timezone.localtime(item.starts_at).strftime("%d.%m.%Y %H:%M")
        return f"{start} · {item.title}"

    def item_description(self, item):
        return ", ".join(p for p in [item.place, strip_tags(item.description)[:400]] if p)

    def item_pubdate(self, item):
        return item.published_at


class EventsAtom(EventsFeed):
    feed_type = Atom1Feed
    subtitle = EventsFeed.description
