"""Gifts of capital per resident (RATE_LIMIT_CAPITAL_GIVE); a refused one gives its slot back."""

from collections.abc import Iterator
from contextlib import contextmanager

from veche.core import ratelimit
from veche.core.ratelimit import Rate


@contextmanager
def give_slot(user) -> Iterator[None]:
    slot = ratelimit.reserve(
        "capital-give", str(user.pk), Rate.from_setting("RATE_LIMIT_CAPITAL_GIVE")
    )
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise


@contextmanager
def registry_slot(user) -> Iterator[None]:
    """Changes to the registries per resident (RATE_LIMIT_COMMUNITY_REGISTRY)."""
    slot = ratelimit.reserve(
        "community-registry", str(user.pk), Rate.from_setting("RATE_LIMIT_COMMUNITY_REGISTRY")
    )
    try:
        yield
    except BaseException:
        ratelimit.release(slot)
        raise
