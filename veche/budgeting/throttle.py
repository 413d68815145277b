"""What counts against budgeting's rate limits (core/ratelimit.py): the organizers' edits per
person (RATE_LIMIT_BUDGETING_EDIT). A refused or failed attempt gives its slot back."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def edit_slot(user) -> Iterator[None]:
    slot = ratelimit.reserve(
        "budgeting-edit", str(user.pk), Rate.from_setting("RATE_LIMIT_BUDGETING_EDIT")
    )
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise
