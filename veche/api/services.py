"""Writes for API tokens: create (the plain key is returned once), revoke, trust, note a use."""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.models import User
from veche.staff.services import audit_log

from .models import ApiToken
from .tokens import forget_token, hash_key, remember_token

KEY_PREFIX = "vch_"
VISIBLE_PREFIX_LENGTH = len(KEY_PREFIX) + 8
# A busy app would otherwise write a row on every request; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def _check_may_act_as(*, user: User, created_by: User | None) -> None:
    if not user.is_active or user.deleted_at is not None:
        raise ValidationError({"user": _("This user is not active; a token cannot act as him.")})
    # Only a superuser (or the server operator, created_by=None) hands out a superuser's powers.
    if user.is_superuser and created_by is not None and not created_by.is_superuser:
        raise ValidationError(
            {"user": _("Only a superuser may create a token that acts as a superuser.")}
        )


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    created_by: User | None,
    expires_at: datetime | None = None,
    trusted: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token acting as `user`; returns it with the plain key, which is never stored."""
    _check_may_act_as(user=user, created_by=created_by)
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    plain_key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(),
        user=user,
        key_prefix=plain_key[:VISIBLE_PREFIX_LENGTH],
        key_hash=hash_key(plain_key),
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
        trusted=trusted,
    )
    token.full_clean()
    token.save()
    details = {"user_id": user.pk, "user_email": user.email, "key_prefix": token.key_prefix}
    if trusted:
        details["trusted"] = True
    audit_log(actor=created_by, action="api.token_create", target=token, details=details)
    return token, plain_key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by: User | None = None) -> ApiToken:
    """Revoke a token for good; revoking twice keeps the first moment (and logs once)."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["revoked_at"])
        audit_log(actor=revoked_by, action="api.token_revoke", target=locked)
    token.revoked_at = locked.revoked_at
    transaction.on_commit(lambda: forget_token(locked))
    return locked


@transaction.atomic
def api_token_set_trusted(*, token: ApiToken, trusted: bool, changed_by: User) -> ApiToken:
    """Mark a key as the region's own (its Open311 filings skip pre-moderation) or not; only a
    superuser may, since a trusted key publishes without a moderator. Logged when it changes."""
    if not changed_by.is_superuser:
        raise PermissionDenied(_("Only a superuser may change whether an API key is trusted."))
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.trusted != trusted:
        locked.trusted = trusted
        locked.full_clean()
        locked.save(update_fields=["trusted"])
        details = {"trusted": trusted}
        audit_log(actor=changed_by, action="api.token_trust", target=locked, details=details)
    token.trusted = locked.trusted

    transaction.on_commit(lambda: forget_token(locked))
    return locked


def api_token_touch(*, token: ApiToken) -> None:
    """Note that the token was used, at most once per LAST_USED_PRECISION (one UPDATE, no lock)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    remember_token(token)


def api_tokens_revoke_for_deleted_user(user: User) -> None:
    """Account deletion hook: the person's keys stop at once and are marked revoked."""
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(revoked_at=timezone.now())
    transaction.on_commit(lambda: [forget_token(t) for t in tokens])
