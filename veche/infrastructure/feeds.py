"""RSS 2.0 and Atom feeds of the objects' status changes, of the region or one municipality
(`?municipality=<id>`; an object counts where it stands): each item is one history entry that
changed the status, newest first (django.contrib.syndication, as the content's feeds)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from veche.territory.models import Municipality

from .models import HistoryEntry, Status

LIMIT = 50


def _label(value) -> str:
    return str(Status(value).label) if value in Status.values else (value or "—")


class StatusFeed(Feed):
    def get_object(self, request):
        value = request.GET.get("municipality", "")
        if not value:
            return None
        if not value.isdigit():
            raise Http404
        return Municipality.objects.filter(pk=value).first() or _missing()

    def title(self, obj):
        where = obj.name if obj else settings.PORTAL_NAME
        return _("Status changes of objects · %(where)s") % {"where": where}

    def description(self, obj):
        return _("Objects of the infrastructure programme whose status changed.")

    def link(self, obj):
        url = reverse("infrastructure:list")
        return f"{url}?municipality={obj.pk}" if obj else url

    def items(self, obj):
        entries = HistoryEntry.objects.filter(changes__has_key="status").select_related("facility")
        if obj is not None:
            entries = entries.filter(facility__municipality=obj)
        return entries.order_by("-created_at", "-pk")[:LIMIT]

    def item_title(self, item):
        old, new = (item.changes.get("status") or [None, None])[:2]
        if old is None:
            return f"{item.facility.name}: {_label(new)}"
        return f"{item.facility.name}: {_label(old)} → {_label(new)}"

    def item_description(self, item):
        return _("Status: %(status)s; progress %(progress)s %%.") % {
            "status": _label((item.changes.get("status") or [None, None])[1]),
            "progress": item.facility.progress,
        }

    def item_link(self, item):
        return item.facility.get_absolute_url()

    def item_guid(self, item):
        return f"{self.item_link(item)}#history-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at


class StatusAtom(StatusFeed):
    feed_type = Atom1Feed
    subtitle = StatusFeed.description


def _missing():
    raise Http404
