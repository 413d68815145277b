"""Imports of the catalogue count per person against RATE_LIMIT_ACTIVITIES_IMPORT
(core/ratelimit.py); a refused or failed attempt gives its slot back."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def import_slot(user) -> Iterator[None]:
    slot = ratelimit.reserve(
        "activities-import", str(user.pk), Rate.from_setting("RATE_LIMIT_ACTIVITIES_IMPORT")
    )
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise
