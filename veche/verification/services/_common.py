"""Checks and helpers shared by the verification services."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

User = get_user_model()


def lock_user(user_id: int) -> "User":
    """Re-read the user under a row lock: his codes and verifications are counted against it."""
    return User.objects.select_for_update().get(pk=user_id)


def check_can_start(user) -> None:
    """Raise PermissionDenied with the reason when the user may not start a verification."""
    if user.has_perm("verification.start_verification") and not user.verified_at:
        return
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to verify your identity."))
    if user.email_confirmed_at is None:
        raise PermissionDenied(_("Confirm your e-mail address first, then verify your identity."))
    if user.verified_at:
        raise PermissionDenied(_("Your identity is already verified."))
    raise PermissionDenied(_("Your account may not start a verification."))


def mark_verified(user, *, method: str, when: datetime) -> None:
    """Mark a locked user verified, unless an earlier verification already counts."""
    if user.verified_at:
        return
    user.verified_at = when
    user.verification_method = method
    user.full_clean()
    user.save(update_fields=["verified_at", "verification_method"])


def copy_verified_state(target, source) -> None:
    # The caller's user object (often request.user) should show the new state at once.
    for field in ("verified_at", "verification_method", "phone", "email_confirmed_at"):
        setattr(target, field, getattr(source, field))
