"""Reads for API tokens."""

import time

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken
from .tokens import cache_key, cache_seconds, hash_key


def api_token_by_key(key: str) -> ApiToken | None:
    """The token whose key this is (revoked and expired ones included), with its user.

    Every API request asks this, so the answer is cached briefly: the join it saves is most of
    the cost of a small write such as supporting a report."""
    if not key:
        return None
    digest = hash_key(key)
    seconds = cache_seconds()
    token = cache.get(cache_key(digest)) if seconds else None
    if token is None:
        # The key's hash is unique: no ORDER BY (`first()` would add one and compile it).
        found = ApiToken.objects.select_related("user").filter(key_hash=digest).order_by()[:1]
        token = next(iter(found), None)
        if token is not None and seconds:
            # The copy keeps the moment it was read from the database (pickled with it).
            token._cached_until = time.time() + seconds
            cache.set(cache_key(digest), token, seconds)
    return token


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
