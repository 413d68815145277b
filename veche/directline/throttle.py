"""What counts against the direct line's rate limits (core/ratelimit.py): a resident's questions
(RATE_LIMIT_DIRECTLINE_ASK) and supports (RATE_LIMIT_DIRECTLINE_SUPPORT), and staff writes
(RATE_LIMIT_DIRECTLINE_STAFF), per person. A refused attempt gives its slot back."""

from veche.core.ratelimit import person_slot


def ask_slot(user):
    return person_slot("directline-ask", "RATE_LIMIT_DIRECTLINE_ASK", user)


def support_slot(user):
    return person_slot("directline-support", "RATE_LIMIT_DIRECTLINE_SUPPORT", user)


def staff_slot(user):
    return person_slot("directline-staff", "RATE_LIMIT_DIRECTLINE_STAFF", user)
