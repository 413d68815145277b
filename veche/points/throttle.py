"""What counts against the points' rate limits (core/ratelimit.py): orders per resident
(RATE_LIMIT_POINTS_ORDER) and the desk's decisions per staff member (RATE_LIMIT_POINTS_DESK).
A refused attempt gives its slot back."""

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


def order_slot(user):
    return _slot("points-order", "RATE_LIMIT_POINTS_ORDER", user)


def desk_slot(user):
    return _slot("points-desk", "RATE_LIMIT_POINTS_DESK", user)
