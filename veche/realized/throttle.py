"""What counts against the registry's rate limits (core/ratelimit.py): each staff write per
person (RATE_LIMIT_REALIZED_EDIT) and, tighter, imports (RATE_LIMIT_REALIZED_IMPORT). A refused
or failed attempt gives its slot back."""

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


def edit_slot(user):
    return _slot("realized-edit", "RATE_LIMIT_REALIZED_EDIT", user)


def import_slot(user):
    return _slot("realized-import", "RATE_LIMIT_REALIZED_IMPORT", user)
