"""The daily digest, sent by `manage.py notify_digest` once a day: one letter to each person for
whom some app has something to list. Apps register a source from their AppConfig.ready():

    register_digest_source(
        "reports",
        audience=lambda: User.objects.filter(…),    # who may get this part
        part=lambda user, now: DigestPart(…) or None,  # what he gets today; None: nothing
    )

Nothing to list, no letter. The key "digest:<user>:<local date>" makes a second run that day send
nothing. The letter is written in the recipient's language (tasks.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from veche.workdays.calendar import local_day

from .channels import deliver
from .messages import Message, Section
from .models import SentNotice
from .selectors import email_allowed
from .services import claim
from .text import Spec, day, msg
from .tokens import SCOPE_DIGEST


@dataclass(frozen=True)
class DigestPart:
    """One app's part of a digest letter."""

    title: Spec
    summary: Spec
    sections: list[Section] = field(default_factory=list)
    link: str = ""
    reason: Spec = ""  # why he gets it, for the footer


@dataclass(frozen=True)
class DigestSource:
    name: str
    audience: Callable[[], QuerySet]
    part: Callable[[object, datetime], DigestPart | None]


_sources: dict[str, DigestSource] = {}


def register_digest_source(name: str, *, audience, part) -> None:
    _sources[name] = DigestSource(name, audience, part)


def digest_sources() -> list[DigestSource]:
    return list(_sources.values())


def receives_digest(user) -> bool:
    """Whether any app would write him a digest (his preferences show the switch then)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(source.audience().filter(pk=user.pk).exists() for source in _sources.values())


def digest_message(parts: list[DigestPart], *, now: datetime) -> Message:
    if len(parts) == 1:
        title, link, reason = parts[0].title, parts[0].link, parts[0].reason
    else:
        title = msg(gettext_noop("Your daily digest on %(date)s"), date=day(local_day(now)))
        link, reason = parts[0].link, ""
    return Message(
        kind="digest",
        title=title,
        text=[part.summary for part in parts],
        link=link,
        unsubscribe=SCOPE_DIGEST,
        sections=[section for part in parts for section in part.sections],
        reason=reason,
    )


def _audience() -> dict[int, object]:
    users: dict[int, object] = {}
    for source in _sources.values():
        for user in source.audience().order_by("pk"):
            users.setdefault(user.pk, user)
    return users


def digests_send(*, now: datetime | None = None) -> int:
    """Send today's digests that have not gone out; returns how many went."""
    now = now or timezone.now()
    today = local_day(now).isoformat()
    sent = 0
    for user in _audience().values():
        key = f"digest:{user.pk}:{today}"
        if not email_allowed(user, digest=True) or SentNotice.objects.filter(key=key).exists():
            continue
        parts = [part for s in _sources.values() if (part := s.part(user, now)) is not None]
        if not parts:
            continue
        with transaction.atomic():
            if claim(key):
                deliver(user, digest_message(parts, now=now), only={"email"})
                sent += 1
    return sent
