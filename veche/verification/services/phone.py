"""Phone-code verification: a six-digit code by SMS, ten minutes, five attempts, three an hour."""

import math
import secrets
from datetime import datetime, timedelta

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from ..codes import code_hash
from ..models import MAX_CODE_ATTEMPTS, PhoneCode, Verification
from ..tasks import send_phone_code
from ._common import User, check_can_start, copy_verified_state, lock_user

CODE_LIFETIME = timedelta(minutes=10)
CODES_PER_HOUR = 3


def normalize_phone(raw: str) -> str:
    """A Russian or international number in E.164 (+79001234567), or a ValidationError."""
    try:
        number = phonenumbers.parse((raw or "").strip(), "RU")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a phone number, for example +7 912 345-67-89."), code="invalid_phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_rate(user, now: datetime) -> None:
    window_start = now - timedelta(hours=1)
    recent = list(
        PhoneCode.objects.filter(user=user, created_at__gte=window_start)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) < CODES_PER_HOUR:
        return
    wait = recent[0] + timedelta(hours=1) - now
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    raise ValidationError(
        _("A code may be requested at most %(count)d times an hour. Try again in %(minutes)d min.")
        % {"count": CODES_PER_HOUR, "minutes": minutes},
        code="rate_limited",
    )


def _phone_for(user, phone: str | None) -> str:
    phone = normalize_phone(phone) if phone else user.phone
    if not phone:
        raise ValidationError(_("Enter the phone number to send the code to."), code="no_phone")
    if User.objects.filter(phone=phone).exclude(pk=user.pk).exists():
        raise ValidationError(
            _("This phone number belongs to another account."), code="phone_taken"
        )
    return phone


def phone_verification_start(*, user, phone: str | None = None) -> PhoneCode:
    """Send a six-digit code by SMS to the user's phone (or the number given), valid 10 minutes."""
    check_can_start(user)
    with transaction.atomic():
        locked = lock_user(user.pk)
        check_can_start(locked)
        phone = _phone_for(locked, phone)
        now = timezone.now()
        _check_rate(locked, now)
        phone_code = apply_phone_code(user=locked, phone=phone, now=now)
        # Queued in this transaction (the task row commits or rolls back with the code's row);
        # the task draws the code, so no stored row ever holds it in clear.
        send_phone_code.enqueue(
            phone_code_id=phone_code.pk, language=translation.get_language() or "ru"
        )
    return phone_code


def apply_phone_code(*, user, phone: str, now: datetime) -> PhoneCode:
    """Write the pending verification and the new code's row; expects the user row locked.

    The row's hash is of a random secret until the SMS task draws the code: nothing matches it."""
    verification = Verification.objects.filter(
        user=user, method=Verification.Method.PHONE, status=Verification.Status.PENDING
    ).first() or Verification(user=user, method=Verification.Method.PHONE)
    verification.phone = phone
    verification.full_clean()
    verification.save()
    # Only the newest code is valid: earlier ones expire now.
    PhoneCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    phone_code = PhoneCode(
        verification=verification,
        user=user,
        phone=phone,
        code_hash=code_hash(user_id=user.pk, phone=phone, code=secrets.token_hex(16)),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    phone_code.full_clean()
    phone_code.save()
    return phone_code


def usable_code(user, now: datetime) -> PhoneCode:
    phone_code = (
        PhoneCode.objects.select_for_update()
        .filter(user=user, used_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    if phone_code is None:
        raise ValidationError(_("Request a code first."), code="no_code")
    if phone_code.expires_at <= now:
        raise ValidationError(_("The code has expired. Request a new one."), code="expired")
    if phone_code.attempts >= MAX_CODE_ATTEMPTS:
        raise ValidationError(
            _("Too many wrong attempts. Request a new code."), code="too_many_attempts"
        )
    return phone_code


def phone_verification_confirm(*, user, code: str) -> Verification:
    """Check the code; on success the user is verified by phone. A wrong code uses up an attempt."""
    check_can_start(user)
    code = "".join((code or "").split())
    if len(code) != 6 or not code.isdigit():
        raise ValidationError(_("The code is six digits."), code="malformed")
    with transaction.atomic():
        locked = lock_user(user.pk)
        check_can_start(locked)
        now = timezone.now()
        phone_code = usable_code(locked, now)
        phone_code.attempts += 1
        expected = code_hash(user_id=locked.pk, phone=phone_code.phone, code=code)
        if constant_time_compare(expected, phone_code.code_hash):
            verification = _phone_confirm_apply(user=locked, phone_code=phone_code, now=now)
            copy_verified_state(user, locked)
            return verification
        phone_code.full_clean()
        phone_code.save(update_fields=["attempts"])
        left = MAX_CODE_ATTEMPTS - phone_code.attempts
    # Raised after the commit, so that the failed attempt stays counted.
    raise ValidationError(
        _("Wrong code. Attempts left: %(left)d.") % {"left": left}, code="wrong_code"
    )


def _phone_confirm_apply(*, user, phone_code: PhoneCode, now: datetime) -> Verification:
    """Use the code, approve its verification, verify the user; expects user and code locked."""
    phone_code.used_at = now
    phone_code.full_clean()
    phone_code.save(update_fields=["attempts", "used_at"])
    verification = Verification.objects.select_for_update().get(pk=phone_code.verification_id)
    verification.status = Verification.Status.APPROVED
    verification.decided_at = now
    verification.full_clean()
    verification.save(update_fields=["status", "decided_at"])
    if User.objects.filter(phone=phone_code.phone).exclude(pk=user.pk).exists():
        raise ValidationError(
            _("This phone number belongs to another account."), code="phone_taken"
        )
    # The number just proven becomes the account's number.
    user.phone = phone_code.phone
    user.verified_at = now
    user.verification_method = Verification.Method.PHONE
    user.full_clean()
    user.save(update_fields=["phone", "verified_at", "verification_method"])
    return verification
