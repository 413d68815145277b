"""Gifts of capital per resident (RATE_LIMIT_CAPITAL_GIVE) and changes to the registries
(RATE_LIMIT_COMMUNITY_REGISTRY); a refused attempt gives its slot back."""

from veche.core.ratelimit import person_slot


def give_slot(user):
    return person_slot("capital-give", "RATE_LIMIT_CAPITAL_GIVE", user)


def registry_slot(user):
    return person_slot("community-registry", "RATE_LIMIT_COMMUNITY_REGISTRY", user)
