"""RSS 2.0 and Atom feeds: new ideas (all, or of a municipality or category, as the list filters)
and one idea's progress (its public timeline). Only what the public pages show: the author as
«Имя Ф.» at most, never a contact."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from veche.reports.models import Category
from veche.territory.models import Municipality

from .. import selectors
from ..forms import IdeaFilters
from ..models import Campaign, Idea, IdeaTimelineEntry

FEED_ITEMS = 50


class NewIdeasFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict:
        filters = IdeaFilters(request.GET).filters()
        filters["order"] = "new"
        return {"filters": filters, "query": request.GET.urlencode()}

    def title(self, obj: dict) -> str:
        parts = [_("New ideas")]
        filters = obj["filters"]
        if filters["municipality"]:
            place = Municipality.objects.filter(pk=filters["municipality"]).first()
            parts.append(place.name if place else "")
        if filters["category"]:
            category = Category.objects.filter(pk=filters["category"]).first()
            parts.append(category.name if category else "")
        if filters.get("campaign"):
            campaign = Campaign.objects.filter(pk=filters["campaign"], is_published=True).first()
            parts.append(campaign.title if campaign else "")
        return " · ".join(part for part in parts if part)

    def link(self, obj: dict) -> str:
        return reverse("ideas:list") + (f"?{obj['query']}" if obj["query"] else "")

    def feed_url(self, obj: dict) -> str:
        name = "ideas:feed_atom" if self.feed_type is Atom1Feed else "ideas:feed_rss"
        return reverse(name) + (f"?{obj['query']}" if obj["query"] else "")

    def description(self, obj: dict) -> str:
        return _("Ideas of residents published on the portal.")

    def items(self, obj: dict) -> list[Idea]:
        return list(selectors.idea_list(**obj["filters"])[:FEED_ITEMS])

    def item_title(self, item: Idea) -> str:
        return f"{item.title} · {item.municipality.name}"

    def item_description(self, item: Idea) -> str:
        return Truncator(item.text).chars(500)

    def item_link(self, item: Idea) -> str:
        return reverse("ideas:detail", args=[item.pk])

    def item_pubdate(self, item: Idea):
        return item.published_at or item.created_at

    def item_author_name(self, item: Idea) -> str:
        return item.author.public_name

    def item_categories(self, item: Idea) -> list[str]:
        return [item.category.name]


class NewIdeasAtom(NewIdeasFeed):
    feed_type = Atom1Feed
    subtitle = NewIdeasFeed.description


class ProgressFeed(Feed):
    """An idea's public history: every status change and progress update."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, pk: int) -> Idea:
        idea = Idea.objects.filter(pk=pk).select_related("municipality").first()
        if idea is None or not idea.is_public:
            raise Http404
        return idea

    def title(self, obj: Idea) -> str:
        return _("Progress of idea № %(number)s: %(title)s") % {
            "number": obj.pk,
            "title": obj.title,
        }

    def link(self, obj: Idea) -> str:
        return reverse("ideas:detail", args=[obj.pk])

    def feed_url(self, obj: Idea) -> str:
        name = "ideas:progress_atom" if self.feed_type is Atom1Feed else "ideas:progress_rss"
        return reverse(name, args=[obj.pk])

    def description(self, obj: Idea) -> str:
        return _("Status changes and progress updates of the idea.")

    def items(self, obj: Idea) -> list[IdeaTimelineEntry]:
        return list(obj.timeline.order_by("-created_at", "-pk")[:FEED_ITEMS])

    def item_title(self, item: IdeaTimelineEntry) -> str:
        if item.kind == IdeaTimelineEntry.Kind.STATUS and item.status_to:
            return str(item.get_status_to_display()).capitalize()
        return str(item.get_kind_display()).capitalize()

    def item_description(self, item: IdeaTimelineEntry) -> str:
        return item.display_text

    def item_link(self, item: IdeaTimelineEntry) -> str:
        return reverse("ideas:detail", args=[item.idea_id]) + f"#entry-{item.pk}"

    def item_pubdate(self, item: IdeaTimelineEntry):
        return item.created_at


class ProgressAtom(ProgressFeed):
    feed_type = Atom1Feed
    subtitle = ProgressFeed.description


new_ideas_rss = NewIdeasFeed()
new_ideas_atom = NewIdeasAtom()
progress_rss = ProgressFeed()
progress_atom = ProgressAtom()
