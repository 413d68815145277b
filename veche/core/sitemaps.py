"""The sitemap registry: each app registers a `django.contrib.sitemaps.Sitemap` of its public
pages from its `AppConfig.ready()`; `/sitemap.xml` lists them all, and becomes a sitemap index
(one file per section and page of SITEMAP_MAX_URLS) once they hold more URLs than one sitemap
may (50,000, sitemaps.org)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

_registry: dict[str, Sitemap] = {}


def register_sitemap(name: str, sitemap: Sitemap) -> None:
    _registry[name] = sitemap


def unregister_sitemap(name: str) -> None:
    _registry.pop(name, None)


def sitemaps() -> dict[str, Sitemap]:
    return dict(_registry)


def max_urls() -> int:
    return getattr(settings, "SITEMAP_MAX_URLS", 50_000)


class CoreSitemap(Sitemap):
    """The home page."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["core:home"]

    def location(self, item):
        return reverse(item)
