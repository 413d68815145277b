"""An API key's hash and the short-lived cache of tokens read by key.

Both the services (which change a token) and the selectors (which read one) use these; neither
imports the other.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from .models import ApiToken


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def cache_key(key_hash: str) -> str:
    return f"api-token:{key_hash}"


def cache_seconds() -> int:
    """How long a worker may reuse a token it has read (API_TOKEN_CACHE_SECONDS, 0 = never).
    Revoking clears it at once where the cache is shared (Redis); a local-memory cache in another
    process forgets within this time."""
    return getattr(settings, "API_TOKEN_CACHE_SECONDS", 60)


def remember_token(token: ApiToken) -> None:
    """Keep the cached copy in step after the token changed (used), without extending its life:
    a copy refreshed on every use would never again see its user blocked or deleted."""
    remaining = math.floor(getattr(token, "_cached_until", 0) - time.time())
    if cache_seconds() and remaining > 0:
        cache.set(cache_key(token.key_hash), token, remaining)


def forget_token(token: ApiToken) -> None:
    cache.delete(cache_key(token.key_hash))
