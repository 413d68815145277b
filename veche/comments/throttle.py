"""Rate limits of comment writes, per person: writing and editing (RATE_LIMIT_COMMENT), likes and
complaints (RATE_LIMIT_COMMENT_REACT). A slot is reserved before the service runs and given
back when the service refuses, so only changes made count."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import ngettext

from veche.core import ratelimit
from veche.core.ratelimit import Rate

WRITE = ("comments.write", "RATE_LIMIT_COMMENT")
REACT = ("comments.react", "RATE_LIMIT_COMMENT_REACT")


@contextmanager
def counted(user, what: tuple[str, str]) -> Iterator[None]:
    """Count one attempt of `user` before the block; raises ratelimit.Limited over the limit.
    A refusal inside the block gives the attempt back."""
    action, setting = what
    slot = ratelimit.reserve(action, str(user.pk), Rate.from_setting(setting))
    try:
        yield
    except (PermissionDenied, ValidationError):
        ratelimit.release(slot)
        raise


def too_many_message(seconds: int) -> str:
    minutes = ratelimit.minutes_to_wait(seconds)
    return ngettext(
        "You are writing too often. Try again in %(minutes)d minute.",
        "You are writing too often. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
