"""What counts against the discussions' rate limits (core/ratelimit.py): comments with their
passage or proposal (RATE_LIMIT_DISCUSSION_COMMENT), ratings (RATE_LIMIT_DISCUSSION_RATE) and the
organizers' edits and answers (RATE_LIMIT_DISCUSSION_EDIT), per person, web and API alike. A
refused or failed attempt gives its slot back, so only work done counts."""

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


def comment_slot(user):
    return _slot("discussions-comment", "RATE_LIMIT_DISCUSSION_COMMENT", user)


def rate_slot(user):
    return _slot("discussions-rate", "RATE_LIMIT_DISCUSSION_RATE", user)


def edit_slot(user):
    return _slot("discussions-edit", "RATE_LIMIT_DISCUSSION_EDIT", user)
