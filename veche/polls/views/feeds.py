"""RSS 2.0 and Atom feeds of new polls (published, newest first; `?municipality=` as the list's
filter, region-wide polls included)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import PollFilters
from ..models import Poll

FEED_ITEMS = 50


class NewPollsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict:
        filters = PollFilters(request.GET)
        return {"municipality": filters.chosen_municipality(), "query": request.GET.urlencode()}

    def title(self, obj: dict) -> str:
        parts = [_("New polls"), obj["municipality"].name if obj["municipality"] else ""]
        return " · ".join(part for part in parts if part)

    def link(self, obj: dict) -> str:
        return reverse("polls:list") + (f"?{obj['query']}" if obj["query"] else "")

    def feed_url(self, obj: dict) -> str:
        name = "polls:feed_atom" if self.feed_type is Atom1Feed else "polls:feed_rss"
        return reverse(name) + (f"?{obj['query']}" if obj["query"] else "")

    def description(self, obj: dict) -> str:
        return _("Polls and surveys published on the portal.")

    def items(self, obj: dict) -> list[Poll]:
        polls = selectors.poll_list(municipality=obj["municipality"])
        return list(polls.order_by("-published_at", "-pk")[:FEED_ITEMS])

    def item_title(self, item: Poll) -> str:
        where = item.municipality.name if item.municipality else _("the whole region")
        return f"{item.title} · {where}"

    def item_description(self, item: Poll) -> str:
        return Truncator(item.description).chars(500)

    def item_pubdate(self, item: Poll):
        return item.published_at

    def item_guid(self, item: Poll) -> str:
        return f"poll-{item.pk}"

    item_guid_is_permalink = False


class NewPollsAtom(NewPollsFeed):
    feed_type = Atom1Feed
    subtitle = NewPollsFeed.description
