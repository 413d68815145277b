"""The events calendar: list and month views, iCalendar that parses with `icalendar` with the
right times in UTC+5, 400 for bad filters, «Пойду» and its reminder."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from veche.content import services
from veche.content.models import EventAttendance, Status
from veche.notifications.models import Notification

from .factories import EventFactory

pytestmark = pytest.mark.django_db
UGRA = ZoneInfo("Asia/Yekaterinburg")


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=UGRA)


def test_an_events_ics_parses_and_its_times_are_the_regions(world, client):
    event = EventFactory(
        title="Публичные слушания по бюджету",
        starts_at=_at(2030, 3, 15, 18, 0),
        ends_at=_at(2030, 3, 15, 20, 30),
        municipality=world.surgut,
        online_url="https://meet.example/budget",
    )
    answer = client.get(f"/events/{event.pk}.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    (item,) = calendar.walk("VEVENT")
    start = item.decoded("dtstart")
    assert start.astimezone(UGRA) == _at(2030, 3, 15, 18, 0)
    assert start.astimezone(ZoneInfo("UTC")).hour == 13
    assert item.decoded("dtend").astimezone(UGRA).strftime("%H:%M") == "20:30"
    assert str(item["summary"]) == "Публичные слушания по бюджету"
    assert "Сургут" in str(item["location"])
    assert "https://meet.example/budget" in str(item["description"])
    assert str(item["uid"]).startswith(f"event-{event.pk}@")


def test_a_filtered_list_is_one_calendar(world, client):
    EventFactory(title="Сургутское", municipality=world.surgut, starts_at=_at(2030, 4, 2, 10, 0))
    EventFactory(title="Урайское", municipality=world.urai, starts_at=_at(2030, 4, 3, 10, 0))
    EventFactory(title="Майское", municipality=world.surgut, starts_at=_at(2030, 5, 3, 10, 0))
    answer = client.get(f"/events/calendar.ics?municipality={world.surgut.pk}&month=2030-04")
    titles = [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    ]
    assert titles == ["Сургутское"]


@pytest.mark.parametrize(
    "query", ["month=2030-13", "month=апрель", "municipality=abc", "municipality=999999"]
)
def test_an_ics_with_invalid_filters_answers_400(world, client, query):
    answer = client.get(f"/events/calendar.ics?{query}")
    assert answer.status_code == 400


def test_drafts_and_scheduled_events_stay_out_of_the_calendar(world, client):
    EventFactory(title="Черновик", status=Status.DRAFT, published_at=None)
    EventFactory(title="Позже", published_at=timezone.now() + timedelta(days=1))
    body = client.get("/events/calendar.ics").content.decode()
    assert "Черновик" not in body and "Позже" not in body


def test_the_month_view_puts_an_event_on_its_local_day(world, client):
    # 23:30 in Yugra is 18:30 UTC the same day; 02:00 local is the previous day in UTC.
    EventFactory(title="Ночной забег", starts_at=_at(2030, 6, 10, 2, 0))
    page = client.get("/events/month/?month=2030-06").content.decode()
    cell = page.split(">10</span>")[1].split("</td>")[0]
    assert "Ночной забег" in cell and "02:00" in cell
    assert client.get("/events/month/?month=2030-99").status_code == 400


def test_the_list_shows_coming_events(world, client):
    EventFactory(title="Скоро")
    EventFactory(
        title="Давно",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10, hours=-2),
    )
    page = client.get("/events/").content.decode()
    assert "Скоро" in page and "Давно" not in page


def test_going_is_one_mark_and_the_reminder_comes_once(world, client):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=5))
    client.force_login(world.resident)
    client.post(f"/events/{event.pk}/attend/")
    client.post(f"/events/{event.pk}/attend/")
    assert EventAttendance.objects.filter(event=event).count() == 1
    call_command("content_event_reminders", "--hours", "24")
    call_command("content_event_reminders", "--hours", "24")
    notices = Notification.objects.filter(user=world.resident, kind="content.event_reminder")
    assert notices.count() == 1
    client.post(f"/events/{event.pk}/attend/", {"leave": "1"})
    assert not EventAttendance.objects.exists()


def test_no_reminder_for_a_far_event_and_no_mark_for_a_past_one(world):
    far = EventFactory(starts_at=timezone.now() + timedelta(days=5))
    services.event_attend(user=world.resident, event_id=far.pk)
    assert services.send_reminders(ahead=timedelta(hours=24)) == 0
    past = EventFactory(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.event_attend(user=world.resident, event_id=past.pk)


def test_a_guest_is_sent_to_log_in(world, client):
    event = EventFactory()
    answer = client.post(f"/events/{event.pk}/attend/")
    assert answer.status_code == 302 and "login" in answer["Location"]
