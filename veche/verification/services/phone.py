"""Phone-code verification: a six-digit code by SMS, ten minutes, five attempts, three an hour."""

import math
import secrets
from datetime import datetime, timedelta

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from veche.core.sms import send_sms

from ..models import MAX_CODE_ATTEMPTS, PhoneCode, Verification
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


def _code_hash(*, user_id: int, phone: str, code: str) -> str:
    # Keyed with SECRET_KEY: a six-digit code is too short for a plain hash to hide it.
    value = f"{user_id}:{phone}:{code}"
    return salted_hmac("veche.verification.PhoneCode", value, algorithm="sha256").hexdigest()


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
        code = f"{secrets.randbelow(10**6):06d}"
        phone_code = _phone_code_apply(user=locked, phone=phone, code=code, now=now)
        text = _("%(portal)s: your verification code is %(code)s. Do not tell it to anyone.") % {
            "portal": settings.PORTAL_NAME,
            "code": code,
        }
        # Sent straight after commit, not through a task: a queued task would store the code.
        transaction.on_commit(lambda: send_sms(phone=phone, text=text), robust=True)
    return phone_code


def _phone_code_apply(*, user, phone: str, code: str, now: datetime) -> PhoneCode:
    """Write the pending verification and the new code; expects the user row locked."""
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
        code_hash=_code_hash(user_id=user.pk, phone=phone, code=code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    phone_code.full_clean()
    phone_code.save()
    return phone_code


def _usable_code(user, now: datetime) -> PhoneCode:
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
        phone_code = _usable_code(locked, now)
        phone_code.attempts += 1
        expected = _code_hash(user_id=locked.pk, phone=phone_code.phone, code=code)
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
