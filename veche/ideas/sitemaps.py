"""Published ideas in the portal's sitemap (core/sitemaps.py): the rows the public pages show."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import public_ideas


class IdeaSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_ideas().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("ideas:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
