"""What counts against the direct line's rate limits (core/ratelimit.py): a resident's questions
(RATE_LIMIT_DIRECTLINE_ASK) and supports (RATE_LIMIT_DIRECTLINE_SUPPORT), and staff writes
(RATE_LIMIT_DIRECTLINE_STAFF), per person. A refused attempt gives its slot back."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def _slot(action: str, setting: str, user) -> Iterator[None]:
    slot = ratelimit.reserve(action, str(user.pk), Rate.from_setting(setting))
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise


def ask_slot(user):
    return _slot("directline-ask", "RATE_LIMIT_DIRECTLINE_ASK", user)


def support_slot(user):
    return _slot("directline-support", "RATE_LIMIT_DIRECTLINE_SUPPORT", user)


def staff_slot(user):
    return _slot("directline-staff", "RATE_LIMIT_DIRECTLINE_STAFF", user)
