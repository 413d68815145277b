"""Reads for API tokens."""

from django.db.models import F, QuerySet

from .models import ApiToken
from .services import hash_key


def api_token_by_key(key: str) -> ApiToken | None:
    """The token whose key this is (revoked and expired ones included), with its user."""
    if not key:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()


def api_token_list() -> QuerySet[ApiToken]:
    # Active tokens first, on PostgreSQL and SQLite alike (their NULL ordering differs).
    return ApiToken.objects.select_related("user", "created_by").order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )
