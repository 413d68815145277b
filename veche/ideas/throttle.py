"""What counts against the ideas' rate limits (core/ratelimit.py): filed ideas per person
(RATE_LIMIT_IDEA_FILING, web and API alike) and the API's other writes per person
(RATE_LIMIT_IDEA_WRITES: supports, staff changes). A refused or failed attempt gives its slot
back, so only work done counts."""

from veche.core.ratelimit import person_slot


def filing_slot(user):
    return person_slot("ideas-file", "RATE_LIMIT_IDEA_FILING", user)


def write_slot(user):
    return person_slot("ideas-write", "RATE_LIMIT_IDEA_WRITES", user)
