"""Events as iCalendar (RFC 5545) through the `icalendar` package: times in UTC (…Z), so every
calendar application places them right whatever its zone; the region's zone is named in
X-WR-TIMEZONE for those that show it."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IEvent

from .models import Event


def calendar_of(events: list[Event]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_NAME}//Veche//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", settings.PORTAL_NAME)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("://")[-1]
    for event in events:
        item = IEvent()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("dtstamp", event.updated_at or timezone.now())
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("summary", event.title)
        item.add("url", settings.SITE_URL + event.get_absolute_url())
        where = ", ".join(p for p in [event.place, getattr(event.municipality, "name", "")] if p)
        if where:
            item.add("location", where)
        description = _plain(event.description)
        if event.online_url:
            description = f"{description}\n\n{event.online_url}".strip()
        if description:
            item.add("description", description)
        cal.add_component(item)
    return cal


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html.replace("</p>", "</p>\n")).strip()


def response(events: list[Event], *, filename: str) -> HttpResponse:
    answer = HttpResponse(
        calendar_of(events).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
