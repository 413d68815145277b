"""RSS 2.0 and Atom feeds of discussions: new drafts and published final reports, newest first
(`?municipality=` as the list's filter, region-wide drafts included). A feed carries titles and
summaries only, never a comment's text."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..forms import DraftFilters
from ..models import Draft

FEED_ITEMS = 50


class DraftsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict:
        filters = DraftFilters(request.GET)
        return {"municipality": filters.chosen_municipality(), "query": request.GET.urlencode()}

    def title(self, obj: dict) -> str:
        parts = [_("Public discussions"), obj["municipality"].name if obj["municipality"] else ""]
        return " · ".join(part for part in parts if part)

    def link(self, obj: dict) -> str:
        return reverse("discussions:list") + (f"?{obj['query']}" if obj["query"] else "")

    def feed_url(self, obj: dict) -> str:
        name = "discussions:feed_atom" if self.feed_type is Atom1Feed else "discussions:feed_rss"
        return reverse(name) + (f"?{obj['query']}" if obj["query"] else "")

    def description(self, obj: dict) -> str:
        return _("Drafts published for public discussion and their final reports.")

    def items(self, obj: dict) -> list[Draft]:
        drafts = Draft.objects.filter(status=Draft.Status.PUBLISHED).select_related("municipality")
        if obj["municipality"] is not None:
            drafts = drafts.filter(
                Q(municipality=obj["municipality"]) | Q(municipality__isnull=True)
            )
        return list(drafts.order_by("-published_at", "-pk")[:FEED_ITEMS])

    def item_title(self, item: Draft) -> str:
        where = item.municipality.name if item.municipality else _("the whole region")
        if item.report_published_at:
            return _("Final report: %(title)s · %(where)s") % {"title": item.title, "where": where}
        return f"{item.title} · {where}"

    def item_link(self, item: Draft) -> str:
        if item.report_published_at:
            return reverse("discussions:report", args=[item.pk])
        return item.get_absolute_url()

    def item_description(self, item: Draft) -> str:
        return Truncator(item.report_summary or item.summary).chars(500)

    def item_pubdate(self, item: Draft):
        return item.report_published_at or item.published_at

    def item_guid(self, item: Draft) -> str:
        return f"discussion-{item.pk}" + ("-report" if item.report_published_at else "")

    item_guid_is_permalink = False


class DraftsAtom(DraftsFeed):
    feed_type = Atom1Feed
    subtitle = DraftsFeed.description
