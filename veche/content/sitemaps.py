"""The public pages of the information side in the sitemap (core/sitemaps.py): published news,
pages, materials, questions and events, each with its last change."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event, KbEntry, Material, News, Page


class _Visible(Sitemap):
    model = None
    changefreq = "weekly"

    def items(self):
        return self.model.objects.visible().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(_Visible):
    model = News
    changefreq = "monthly"


class PageSitemap(_Visible):
    model = Page


class MaterialSitemap(_Visible):
    model = Material


class KbSitemap(_Visible):
    model = KbEntry


class EventSitemap(_Visible):
    model = Event


class ListsSitemap(Sitemap):
    """The sections' own pages."""

    changefreq = "daily"

    def items(self):
        return ["content:news", "content:events", "content:kb", "content:sections"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "content": ListsSitemap(),
    "news": NewsSitemap(),
    "pages": PageSitemap(),
    "materials": MaterialSitemap(),
    "help": KbSitemap(),
    "events": EventSitemap(),
}
