"""What counts against the polls' rate limits (core/ratelimit.py): ballots cast per person
(RATE_LIMIT_POLL_BALLOT, web and API alike), paper ballots an operator enters
(RATE_LIMIT_POLL_PAPER) and the organizers' edits (RATE_LIMIT_POLL_EDIT). A
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


def ballot_slot(user):
    return _slot("polls-ballot", "RATE_LIMIT_POLL_BALLOT", user)


def edit_slot(user):
    return _slot("polls-edit", "RATE_LIMIT_POLL_EDIT", user)


def paper_slot(user):
    """Paper ballots a voting point's operator enters (RATE_LIMIT_POLL_PAPER)."""
    return _slot("polls-paper", "RATE_LIMIT_POLL_PAPER", user)
