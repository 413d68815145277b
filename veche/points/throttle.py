"""What counts against the points' rate limits (core/ratelimit.py): orders per resident
(RATE_LIMIT_POINTS_ORDER) and the desk's decisions per staff member (RATE_LIMIT_POINTS_DESK).
A refused attempt gives its slot back."""

from veche.core.ratelimit import person_slot


def order_slot(user):
    return person_slot("points-order", "RATE_LIMIT_POINTS_ORDER", user)


def desk_slot(user):
    return person_slot("points-desk", "RATE_LIMIT_POINTS_DESK", user)
