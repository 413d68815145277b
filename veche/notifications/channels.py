"""Channels carry a message to a user: in-app and e-mail here, SMS (sms.py) and web push
(webpush.py) beside; each is a class with `name`, `accepts()` and `send()` listed in
settings.NOTIFICATION_CHANNELS (dotted paths) or registered with `register_channel()`.

A channel's `send()` must be cheap and transactional: the e-mail channel only queues a task (its row
commits with the rest), so a slow or failing mail server never holds up or undoes an event.
"""

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from .tokens import SCOPE_DIGEST, SCOPE_EMAIL

DEFAULT_CHANNELS = [
    "veche.notifications.channels.InAppChannel",
    "veche.notifications.channels.EmailChannel",
    "veche.notifications.sms.SmsChannel",
    "veche.notifications.webpush.WebPushChannel",
]


@dataclass(frozen=True)
class Section:
    """A titled list of links, e.g. the overdue reports of a digest."""

    title: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, site path)
    more: int = 0  # items left out of a long list


@dataclass(frozen=True)
class Message:
    """What a user is told. `title` is also the e-mail subject; `url` is a site path.

    `unsubscribe` names what a one-click unsubscribe from this message ends (tokens.py).
    """

    kind: str
    title: str
    body: str = ""
    url: str = ""
    report_id: int | None = None
    unsubscribe: str = SCOPE_EMAIL
    sections: list[Section] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Message":
        sections = [
            Section(s["title"], [tuple(item) for item in s["items"]], s.get("more", 0))
            for s in data.get("sections", [])
        ]
        return cls(**{**data, "sections": sections})


class Channel:
    name = ""

    def accepts(self, user, message: Message) -> bool:
        raise NotImplementedError

    def send(self, user, message: Message) -> None:
        raise NotImplementedError


class InAppChannel(Channel):
    """The notification list on the site. Everyone gets it, even without e-mail."""

    name = "in_app"

    def accepts(self, user, message: Message) -> bool:
        return message.unsubscribe != SCOPE_DIGEST  # the digest is a letter, not a notice

    def send(self, user, message: Message) -> None:
        from .models import Notification

        Notification.objects.create(
            user=user,
            kind=message.kind,
            title=message.title[:300],
            body=message.body,
            url=message.url,
            report_id=message.report_id,
        )


def email_allowed(user, *, digest: bool = False) -> bool:
    """An active user with a confirmed address who has not turned e-mail (or the digest) off."""
    from .selectors import preference_for

    if not (user.is_active and user.deleted_at is None and user.email):
        return False
    if user.email_confirmed_at is None:  # never write to an address nobody has proved is his
        return False
    preference = preference_for(user)
    return preference.email_enabled and (preference.digest_enabled or not digest)


class EmailChannel(Channel):
    name = "email"

    def accepts(self, user, message: Message) -> bool:
        return email_allowed(user, digest=message.unsubscribe == SCOPE_DIGEST)

    def send(self, user, message: Message) -> None:
        from .tasks import send_notification_email

        send_notification_email.enqueue(user_id=user.pk, message=message.as_dict())


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
        if channel.accepts(user, message):
            channel.send(user, message)
            used.append(channel.name)
    return used
