"""What counts against the content rate limits (core/ratelimit.py): each editor's write per
person (RATE_LIMIT_CONTENT_EDIT) and each resident's or guest's «helpful?» answer and «Пойду»
(RATE_LIMIT_CONTENT_REACT, by account or session). A refused attempt gives its slot back."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def _slot(action: str, setting: str, who: str) -> Iterator[None]:
    slot = ratelimit.reserve(action, who, Rate.from_setting(setting))
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise


def edit_slot(user):
    return _slot("content-edit", "RATE_LIMIT_CONTENT_EDIT", str(user.pk))


def react_slot(who: str):
    return _slot("content-react", "RATE_LIMIT_CONTENT_REACT", who)
