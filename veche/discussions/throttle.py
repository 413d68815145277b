"""What counts against the discussions' rate limits (core/ratelimit.py): comments with their
passage or proposal (RATE_LIMIT_DISCUSSION_COMMENT), ratings (RATE_LIMIT_DISCUSSION_RATE) and the
organizers' edits and answers (RATE_LIMIT_DISCUSSION_EDIT), per person, web and API alike. A
refused or failed attempt gives its slot back, so only work done counts."""

from veche.core.ratelimit import person_slot


def comment_slot(user):
    return person_slot("discussions-comment", "RATE_LIMIT_DISCUSSION_COMMENT", user)


def rate_slot(user):
    return person_slot("discussions-rate", "RATE_LIMIT_DISCUSSION_RATE", user)


def edit_slot(user):
    return person_slot("discussions-edit", "RATE_LIMIT_DISCUSSION_EDIT", user)
