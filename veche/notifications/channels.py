"""Channels carry a message to a user: in-app and e-mail here, SMS (sms.py) and web push
(webpush.py) beside. Each is an object with

- `name` — "in_app", "email", …;
- `enabled_for(user)` — whether this user hears through it (his preferences, a confirmed
  address, …);
- `send(notice)` — carry one `messages.Notice` (user + message);
- `digest` — True if it also carries the daily digest (only e-mail does).

They are listed in settings.NOTIFICATION_CHANNELS (dotted paths) or registered with
`register_channel()`. A channel's `send()` must be cheap and transactional: the e-mail channel
only queues a task (its row commits with the rest), so a slow or failing mail server never holds
up or undoes an event.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .messages import Message, Notice
from .models import Notification
from .selectors import email_allowed
from .tasks import send_notification_email

DEFAULT_CHANNELS = [
    "veche.notifications.channels.InAppChannel",
    "veche.notifications.channels.EmailChannel",
    "veche.notifications.sms.SmsChannel",
    "veche.notifications.webpush.WebPushChannel",
]


class Channel:
    name = ""
    digest = False

    def enabled_for(self, user) -> bool:
        raise NotImplementedError

    def send(self, notice: Notice) -> None:
        raise NotImplementedError


class InAppChannel(Channel):
    """The notification list on the site. Everyone gets it, even without e-mail."""

    name = "in_app"

    def enabled_for(self, user) -> bool:
        return True

    def send(self, notice: Notice) -> None:
        message = notice.message
        Notification.objects.create(
            user=notice.user,
            kind=message.kind,
            title=message.title,
            text=message.text,
            link=message.link,
            subject_type=message.subject_type,
            subject_id=message.subject_id,
        )


class EmailChannel(Channel):
    name = "email"
    digest = True

    def enabled_for(self, user) -> bool:
        return email_allowed(user)

    def send(self, notice: Notice) -> None:
        send_notification_email.enqueue(user_id=notice.user.pk, message=notice.message.as_dict())


_registry: dict[str, Channel] | None = None


def channels() -> list[Channel]:
    global _registry
    if _registry is None:
        paths = getattr(settings, "NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)
        _registry = {}
        for path in paths:
            register_channel(import_string(path)())
    return list(_registry.values())


def register_channel(channel: Channel) -> None:
    """Add a channel (or replace the one of the same name)."""
    global _registry
    if _registry is None:
        channels()
    _registry[channel.name] = channel


def reset_channels() -> None:
    """Forget the registry; the next use reads settings again (tests, reconfiguration)."""
    global _registry
    _registry = None


def deliver(user, message: Message, *, only: set[str] | None = None) -> list[str]:
    """Send the message through every channel that takes it; returns the channels' names."""
    used = []
    for channel in channels():
        if only is not None and channel.name not in only:
            continue
        if message.is_digest and not channel.digest:
            continue  # the digest is a letter, not a notice
        if channel.enabled_for(user):
            channel.send(Notice(user, message))
            used.append(channel.name)
    return used
