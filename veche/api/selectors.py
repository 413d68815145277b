"""Reads for API tokens."""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken
from .services import hash_key


def _cache_key(key_hash: str) -> str:
    return f"api-token:{key_hash}"


def cache_seconds() -> int:
    """How long a worker may reuse a token it has read (API_TOKEN_CACHE_SECONDS, 0 = never).
    Revoking clears it at once where the cache is shared (Redis); a local-memory cache in another
    process forgets within this time."""
    return getattr(settings, "API_TOKEN_CACHE_SECONDS", 60)


def api_token_by_key(key: str) -> ApiToken | None:
    """The token whose key this is (revoked and expired ones included), with its user.

    Every API request asks this, so the answer is cached briefly: the join it saves is most of
    the cost of a small write such as supporting a report."""
    if not key:
        return None
    digest = hash_key(key)
    seconds = cache_seconds()
    token = cache.get(_cache_key(digest)) if seconds else None
    if token is None:
        token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
        if token is not None and seconds:
            # The copy keeps the moment it was read from the database (pickled with it).
            token._cached_until = time.time() + seconds
            cache.set(_cache_key(digest), token, seconds)
    return token


def remember_token(token: ApiToken) -> None:
    """Keep the cached copy in step after the token changed (used), without extending its life:
    a copy refreshed on every use would never again see its user blocked or deleted."""
    remaining = math.floor(getattr(token, "_cached_until", 0) - time.time())
    if cache_seconds() and remaining > 0:
        cache.set(_cache_key(token.key_hash), token, remaining)


def forget_token(token: ApiToken) -> None:
    cache.delete(_cache_key(token.key_hash))


def api_token_list() -> QuerySet[ApiToken]:
    # Active tokens first, on PostgreSQL and SQLite alike (their NULL ordering differs).
    return ApiToken.objects.select_related("user", "created_by").order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )


def token_refusal(token: ApiToken | None) -> str | None:
    """Why this token cannot be used now (in the user's language), or None when it can."""
    if token is None or not token.user.is_active or token.user.deleted_at is not None:
        return _("Invalid API key.")
    if token.revoked_at is not None:
        return _("This API key has been revoked.")
    if token.is_expired(timezone.now()):
        return _("This API key has expired.")
    return None
