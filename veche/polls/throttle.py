"""What counts against the polls' rate limits (core/ratelimit.py): ballots cast per person
(RATE_LIMIT_POLL_BALLOT, web and API alike), paper ballots an operator enters
(RATE_LIMIT_POLL_PAPER) and the organizers' edits (RATE_LIMIT_POLL_EDIT). A
refused or failed attempt gives its slot back, so only work done counts."""

from veche.core.ratelimit import person_slot


def ballot_slot(user):
    return person_slot("polls-ballot", "RATE_LIMIT_POLL_BALLOT", user)


def edit_slot(user):
    return person_slot("polls-edit", "RATE_LIMIT_POLL_EDIT", user)


def paper_slot(user):
    """Paper ballots a voting point's operator enters (RATE_LIMIT_POLL_PAPER)."""
    return person_slot("polls-paper", "RATE_LIMIT_POLL_PAPER", user)
