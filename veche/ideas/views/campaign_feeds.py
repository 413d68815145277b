"""RSS 2.0 and Atom feeds of a campaign's new ideas: the new-ideas feed with the campaign as its
filter, titled and linked to the campaign's page."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..forms import IdeaFilters
from ..models import Campaign
from .feeds import NewIdeasFeed


class CampaignIdeasFeed(NewIdeasFeed):
    def get_object(self, request: HttpRequest, pk: int) -> dict:
        campaign = Campaign.objects.filter(pk=pk, is_published=True).first()
        if campaign is None:
            raise Http404
        filters = {**IdeaFilters({}).filters(), "campaign": campaign.pk, "order": "new"}
        return {"filters": filters, "query": "", "campaign": campaign}

    def title(self, obj: dict) -> str:
        return _("New ideas of the campaign «%(title)s»") % {"title": obj["campaign"].title}

    def link(self, obj: dict) -> str:
        return reverse("ideas:campaign", args=[obj["campaign"].pk])

    def feed_url(self, obj: dict) -> str:
        name = "ideas:campaign_atom" if self.feed_type is Atom1Feed else "ideas:campaign_rss"
        return reverse(name, args=[obj["campaign"].pk])

    def description(self, obj: dict) -> str:
        return _("Ideas proposed to the campaign and published on the portal.")


class CampaignIdeasAtom(CampaignIdeasFeed):
    feed_type = Atom1Feed
    subtitle = CampaignIdeasFeed.description


campaign_rss = CampaignIdeasFeed()
campaign_atom = CampaignIdeasAtom()
