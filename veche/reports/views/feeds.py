"""RSS and Atom feeds, as FixMyStreet's alerts: new reports and answers, for the whole region or
filtered like the list (municipality, category, topic, status, words) and by area (bbox).
Only what the public pages show: no author, no contact, no internal note."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from veche.territory.maps import parse_bbox
from veche.territory.models import Municipality

from .. import selectors
from ..forms import ReportFilters
from ..models import Answer, Category, Report

FEED_ITEMS = 50


@dataclass(frozen=True)
class FeedQuery:
    """A feed's parsed filters, its query string (for links) and the words that describe it."""

    filters: dict
    bbox: tuple[float, float, float, float] | None
    query: str
    description: str


def feed_query(request: HttpRequest) -> FeedQuery:
    """The request's filters; ValueError when the bbox is malformed."""
    filters = ReportFilters(request.GET).filters()
    filters.pop("order", None)
    raw_bbox = request.GET.get("bbox", "")
    bbox = parse_bbox(raw_bbox) if raw_bbox else None
    return FeedQuery(filters, bbox, request.GET.urlencode(), describe(filters, bbox))


def describe(filters: dict, bbox) -> str:
    """«Сургут · Дороги · in the area …» for the feed's title."""
    parts = []
    if filters.get("municipality"):
        place = Municipality.objects.filter(pk=filters["municipality"]).first()
        parts.append(place.name if place else "")
    if filters.get("category"):
        category = Category.objects.filter(pk=filters["category"]).first()
        parts.append(category.name if category else "")
    if bbox:
        parts.append(_("in the area %(bbox)s") % {"bbox": ",".join(f"{v:g}" for v in bbox)})
    return " · ".join(part for part in parts if part)


class _FilteredFeed(Feed):
    feed_type = Rss201rev2Feed
    kind = ""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedQuery:
        return feed_query(request)

    def title(self, obj: FeedQuery) -> str:
        return f"{self.heading()} · {obj.description}" if obj.description else self.heading()

    def link(self, obj: FeedQuery) -> str:
        return reverse("reports:list") + (f"?{obj.query}" if obj.query else "")

    def feed_url(self, obj: FeedQuery) -> str:
        name = f"reports:feed_{self.kind}_{'atom' if self.feed_type is Atom1Feed else 'rss'}"
        return reverse(name) + (f"?{obj.query}" if obj.query else "")

    def heading(self) -> str:
        raise NotImplementedError


class NewReportsFeed(_FilteredFeed):
    kind = "reports"

    def heading(self) -> str:
        return _("New reports")

    def description(self, obj: FeedQuery) -> str:
        return _("Reports of residents published on the portal.")

    def items(self, obj: FeedQuery) -> list[Report]:
        reports = selectors.in_bbox(selectors.report_list(**obj.filters), obj.bbox)
        return list(reports[:FEED_ITEMS])

    def item_title(self, item: Report) -> str:
        number = _("Report № %(number)s") % {"number": item.pk}
        return f"{number}: {item.topic.name} · {item.municipality.name}"

    def item_description(self, item: Report) -> str:
        return Truncator(item.text).chars(500)

    def item_link(self, item: Report) -> str:
        return reverse("reports:detail", args=[item.pk])

    def item_pubdate(self, item: Report):
        return item.created_at

    def item_categories(self, item: Report) -> list[str]:
        return [item.topic.category.name, item.topic.name]


class AnswersFeed(_FilteredFeed):
    kind = "answers"

    def heading(self) -> str:
        return _("Answers to reports")

    def description(self, obj: FeedQuery) -> str:
        return _("Agencies' answers to residents' reports.")

    def items(self, obj: FeedQuery) -> list[Answer]:
        return selectors.feed_answers(bbox=obj.bbox, limit=FEED_ITEMS, **obj.filters)

    def item_title(self, item: Answer) -> str:
        number = _("Answer to report № %(number)s") % {"number": item.report_id}
        return f"{number}: {item.report.topic.name} · {item.agency.name}"

    def item_description(self, item: Answer) -> str:
        return Truncator(item.text).chars(1000)

    def item_link(self, item: Answer) -> str:
        return reverse("reports:detail", args=[item.report_id]) + f"#answer-{item.pk}"

    def item_pubdate(self, item: Answer):
        return item.created_at


class NewReportsAtom(NewReportsFeed):
    feed_type = Atom1Feed
    subtitle = NewReportsFeed.description


class AnswersAtom(AnswersFeed):
    feed_type = Atom1Feed
    subtitle = AnswersFeed.description


def _checked(feed: Feed):
    """The feed, or a 400 with the reason when its bbox is malformed."""

    def view(request: HttpRequest) -> HttpResponse:
        try:
            feed_query(request)
        except ValueError:
            return HttpResponseBadRequest(
                _("bbox must be min_lon,min_lat,max_lon,max_lat in degrees."),
                content_type="text/plain; charset=utf-8",
            )
        return feed(request)

    return view


new_reports_rss = _checked(NewReportsFeed())
new_reports_atom = _checked(NewReportsAtom())
answers_rss = _checked(AnswersFeed())
answers_atom = _checked(AnswersAtom())
