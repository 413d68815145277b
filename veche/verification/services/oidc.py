"""Verification and sign-in through an OpenID Connect identity provider.

What happens after the provider vouches for someone (docs/verification.md):
- a logged-in resident who started the flow links that identity to his account and is verified;
- an anonymous visitor is signed in to the account already linked to that identity; failing that,
  to the account with the e-mail address the provider confirms (which gets linked); failing that, a
  new resident account is created with a confirmed e-mail, verified by the provider.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Verification
from ..oidc import Identity
from ._common import User, check_can_start, copy_verified_state, lock_user, mark_verified


def _identity_rows(identity: Identity):
    return Verification.objects.filter(
        method=Verification.Method.OIDC,
        oidc_issuer=identity.issuer,
        oidc_subject=identity.subject,
    )


def _check_not_revoked(identity: Identity) -> None:
    if _identity_rows(identity).filter(status=Verification.Status.REVOKED).exists():
        raise ValidationError(
            _("A moderator has revoked verification through this provider account."),
            code="revoked",
        )


def _linked_user_id(identity: Identity) -> int | None:
    return (
        _identity_rows(identity)
        .filter(status=Verification.Status.APPROVED)
        .values_list("user_id", flat=True)
        .first()
    )


def oidc_link(*, user, identity: Identity) -> Verification:
    """The logged-in resident proved his identity at the provider: link it and verify him."""
    check_can_start(user)
    _check_not_revoked(identity)
    with transaction.atomic():
        locked = lock_user(user.pk)
        check_can_start(locked)
        if _linked_user_id(identity) is not None:
            raise ValidationError(
                _("This provider account is already linked to another user of the portal."),
                code="linked_elsewhere",
            )
        verification = _link_apply(user=locked, identity=identity)
    copy_verified_state(user, locked)
    return verification


def oidc_sign_in(*, identity: Identity) -> "User":
    """The account an anonymous visitor signs in to, linked and verified (created if need be)."""
    _check_not_revoked(identity)
    with transaction.atomic():
        user = _account_for(identity)
        if user.deleted_at or not user.is_active:
            raise ValidationError(_("This account is blocked or deleted."), code="inactive")
        if _linked_user_id(identity) is None:
            _link_apply(user=user, identity=identity)
    return user


def _account_for(identity: Identity) -> "User":
    """The locked account for this identity: linked, else same confirmed e-mail, else new."""
    linked = _linked_user_id(identity)
    if linked is not None:
        return lock_user(linked)
    if not identity.email or not identity.email_verified:
        raise ValidationError(
            _(
                "The identity provider did not pass a confirmed e-mail address. "
                "Register with the form instead."
            ),
            code="no_email",
        )
    existing = User.objects.select_for_update().filter(email=identity.email).first()
    if existing is None:
        return _create_resident(identity)
    if existing.email_confirmed_at is None:
        # The provider has confirmed this address, which is what our link would have done.
        existing.email_confirmed_at = timezone.now()
        # Whoever registered it never proved the address: his password (and, through the session
        # hash, his sessions) must not open the account its owner now takes over.
        existing.set_password(secrets.token_urlsafe(32))
        existing.full_clean()
        existing.save(update_fields=["email_confirmed_at", "password"])
    return existing


def _create_resident(identity: Identity) -> "User":
    if not (identity.first_name and identity.last_name):
        raise ValidationError(
            _("The identity provider did not pass your name. Register with the form instead."),
            code="no_name",
        )
    now = timezone.now()
    # Consent is given by the statement beside the sign-in link (verification/oidc_link.html).
    user = User(
        email=identity.email,
        first_name=identity.first_name,
        last_name=identity.last_name,
        email_confirmed_at=now,
        personal_data_consent_at=now,
    )
    # A random password nobody knows, not an unusable one: password reset skips unusable ones,
    # and the resident may want a password to log in without the provider.
    user.set_password(secrets.token_urlsafe(32))
    user.full_clean()
    user.save()
    return user


def _link_apply(*, user, identity: Identity) -> Verification:
    """Record the approved identity and verify the user; expects the user row locked."""
    now = timezone.now()
    verification = Verification(
        user=user,
        method=Verification.Method.OIDC,
        status=Verification.Status.APPROVED,
        decided_at=now,
        oidc_issuer=identity.issuer,
        oidc_subject=identity.subject,
    )
    verification.full_clean()
    verification.save()
    mark_verified(user, method=Verification.Method.OIDC, when=now)
    return verification
