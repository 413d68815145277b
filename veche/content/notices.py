"""The reminder to a resident who marked «Пойду»: words as message ids with parameters
(notifications.text), rendered in his language."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from veche.notifications.messages import Message
from veche.notifications.services import notify
from veche.notifications.text import msg

from .models import EventAttendance

TITLE = gettext_noop("Reminder: «%(title)s» begins soon")
TEXT = gettext_noop("It begins %(when)s. %(where)s")


def remind(attendance: EventAttendance) -> int:
    event = attendance.event
    when = date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    message = Message(
        kind="content.event_reminder",
        title=msg(TITLE, title=event.title),
        text=[msg(TEXT, when=when, where=event.place or event.online_url)],
        link=event.get_absolute_url(),
        subject_type="content.event",
        subject_id=str(event.pk),
    )
    return notify(
        recipients=[attendance.user],
        message=message,
        once_key=f"content:event_reminder:{event.pk}:{attendance.user_id}",
    )
