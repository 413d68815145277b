"""A small fixed-window rate limiter on the cache, keyed by an action and an identity.

Limits are written "N/S": at most N counted events per S seconds, e.g. RATE_LIMIT_LOGIN = "10/300".
The cache must be shared by every app server (REDIS_URL) for the limits to hold across them.
Identities (client addresses, e-mail addresses) are stored only as keyed hashes.

Two ways to use it:
- Work that must never run more than N times a window, even under parallel requests (a password
  check): `reserve()` a slot BEFORE the work — the count and the check are one atomic `incr`, so 40
  parallel attempts cannot slip past a limit of 10 — then `release()` it if the attempt should not
  count after all (the password was right).
- Cheap events counted afterwards (a registration, an e-mail sent): ask `retry_after()` first and
  refuse while it is positive, then `hit()` for each event that counts.
This module is mechanism only: which events count and what the user is told is decided by the
caller (see veche/accounts/throttle.py).
"""

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

KEY_PREFIX = "veche:ratelimit"


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds

    @classmethod
    def parse(cls, value: str) -> "Rate":
        """ "10/300" → Rate(10, 300). A malformed value is a configuration error."""
        try:
            limit, window = (int(part) for part in value.split("/"))
        except ValueError as error:
            raise ValueError(f"Rate limit must look like '10/300', not {value!r}") from error
        if limit < 1 or window < 1:
            raise ValueError(f"Rate limit needs positive numbers, not {value!r}")
        return cls(limit, window)

    @classmethod
    def from_setting(cls, name: str) -> "Rate":
        return cls.parse(getattr(settings, name))


def client_ip(request: HttpRequest) -> str:
    """The client's address. X-Forwarded-For is trusted only behind TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it saw, so the client is the entry that many places from
    the right; anything further left was written by the client and may be forged.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(action: str, identity: str, rate: Rate, now: float) -> tuple[str, int]:
    window_index = int(now // rate.window)
    digest = salted_hmac(KEY_PREFIX, f"{action}\x00{identity}").hexdigest()[:32]
    window_end = (window_index + 1) * rate.window
    return f"{KEY_PREFIX}:{action}:{digest}:{window_index}", window_end


def retry_after(action: str, identity: str, rate: Rate) -> int:
    """Seconds until the identity may try again; 0 while it is within its limit."""
    now = time.time()
    key, window_end = _key(action, identity, rate, now)
    if (cache.get(key) or 0) >= rate.limit:
        return max(1, math.ceil(window_end - now))
    return 0


def hit(action: str, identity: str, rate: Rate) -> int:
    """Count one event for the identity in the current window; returns the new count."""
    now = time.time()
    key, window_end = _key(action, identity, rate, now)
    return _increment(key, max(1, math.ceil(window_end - now)))


def _increment(key: str, timeout: int) -> int:
    # add() then incr() keeps the count atomic on Redis and local memory alike.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=timeout)
        return 1


class Limited(Exception):
    """The identity is over its limit; `retry_after` seconds until its window ends."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Slot:
    """One reserved attempt, counted in its window until released."""

    key: str


def reserve(action: str, identity: str, rate: Rate) -> Slot:
    """Count one attempt before doing the work; raises Limited (counting nothing) over the limit.

    The increment decides: whoever takes the count past the limit gives it back and is refused, so
    however many requests race, at most `rate.limit` of them get a slot in a window.
    """
    now = time.time()
    key, window_end = _key(action, identity, rate, now)
    wait = max(1, math.ceil(window_end - now))
    if _increment(key, wait) > rate.limit:
        release(Slot(key))
        raise Limited(wait)
    return Slot(key)


def release(slot: Slot) -> None:
    """Give a reserved attempt back (it should not count)."""
    try:
        cache.decr(slot.key)
    except ValueError:  # the window has ended and its count with it
        pass


def minutes_to_wait(seconds: int) -> int:
    """Whole minutes to tell the user, never zero."""
    return max(1, math.ceil(seconds / 60))


@contextmanager
def attempt_slot(action: str, setting: str, identity: str) -> Iterator[None]:
    """One of `identity`'s attempts at `action` under the rate named by `setting` (Limited past
    it). An attempt that fails gives its slot back, so only work done counts."""
    slot = reserve(action, identity, Rate.from_setting(setting))
    try:
        yield
    except BaseException:
        release(slot)
        raise


def person_slot(action: str, setting: str, user):
    """`attempt_slot` for a signed-in person, by account."""
    return attempt_slot(action, setting, str(user.pk))
