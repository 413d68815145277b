"""What counts against the ideas' rate limits (core/ratelimit.py): filed ideas per person
(RATE_LIMIT_IDEA_FILING, web and API alike) and the API's other writes per person
(RATE_LIMIT_IDEA_WRITES: supports, staff changes). A refused or failed attempt gives its slot
back, so only work done counts."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def _slot(action: str, setting: str, user) -> Iterator[None]:
    """Reserve a slot before the work (raises ratelimit.Limited over the limit); give it back if
    the work raises."""
    slot = ratelimit.reserve(action, str(user.pk), Rate.from_setting(setting))
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise


def filing_slot(user):
    return _slot("ideas-file", "RATE_LIMIT_IDEA_FILING", user)


def write_slot(user):
    return _slot("ideas-write", "RATE_LIMIT_IDEA_WRITES", user)
