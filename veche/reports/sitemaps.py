"""Published reports in the sitemap (core/sitemaps.py): the rows the public pages show."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import public_reports


class ReportSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_reports().only("pk", "updated_at").order_by("pk")

    def location(self, item):
        return reverse("reports:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
