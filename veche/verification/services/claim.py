"""Claiming by phone the account the contact centre made for a caller who gave only his number
(accounts.selectors.claimable_by_phone): a six-digit code by SMS, then the code and a new
password. The code proves the phone, and for such an account the phone is its owner's only way
in, so on success the account is his: the password is set, its address (which stands for the
phone) counts as confirmed, and he is verified by phone like anyone who confirmed a code.

Neither step tells whether a number has such an account: the start sends a code or nothing and
returns the same; the confirmation refuses a wrong code, an expired or used-up one, and a number
without an account with one and the same error (the page words it from what the visitor's own
session knows, views: claim_views.py)."""

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from veche.accounts.phones import normalize_phone
from veche.accounts.selectors import claimable_by_phone

from ..codes import code_hash
from ..models import PhoneCode, Verification
from ..tasks import send_phone_code
from ._common import User
from .phone import CODES_PER_HOUR, apply_phone_code, usable_code

WRONG_CODE = _("Wrong code.")
MALFORMED_CODE = _("The code is six digits.")


def phone_claim_start(*, phone: str) -> str:
    """Send a code to `phone` if an account made for a caller has it (at most CODES_PER_HOUR an
    hour per account; beyond that nothing is sent). Returns the number in E.164 either way.
    Raises ValidationError (code "invalid_phone") for what is not a Russian number."""
    phone = normalize_phone(phone)
    with transaction.atomic():
        user = claimable_by_phone(phone).select_for_update().first()
        if user is None or _codes_this_hour(user) >= CODES_PER_HOUR:
            return phone
        phone_code = apply_phone_code(user=user, phone=phone, now=timezone.now())
        # The task draws the code, so no stored row ever holds it in clear (phone.py).
        send_phone_code.enqueue(
            phone_code_id=phone_code.pk, language=translation.get_language() or "ru"
        )
    return phone


def _codes_this_hour(user) -> int:
    since = timezone.now() - timedelta(hours=1)
    return PhoneCode.objects.filter(user=user, created_at__gte=since).count()


def phone_claim_confirm(*, phone: str, code: str, password: str) -> User:
    """Check the code sent to `phone`; if it is right, set `password` on the account and return
    it (the caller logs the person in). A wrong code uses one of the code's attempts.

    Raises ValidationError: code "malformed" or "wrong_code" (also for an expired or used-up
    code and a number without an account to claim), or keyed "password" when the password does
    not pass the validators — then nothing is used up and the code may be sent again."""
    code = "".join((code or "").split())
    if len(code) != 6 or not code.isdigit():
        raise ValidationError(MALFORMED_CODE, code="malformed")
    phone = normalize_phone(phone)
    with transaction.atomic():
        user = claimable_by_phone(phone).select_for_update().first()
        phone_code = _code_to_check(user)
        if phone_code is not None:
            phone_code.attempts += 1
            expected = code_hash(user_id=user.pk, phone=phone_code.phone, code=code)
            if constant_time_compare(expected, phone_code.code_hash):
                return _claim_apply(user=user, phone_code=phone_code, password=password)
            phone_code.full_clean()
            phone_code.save(update_fields=["attempts"])
    # Raised after the commit, so that the failed attempt stays counted.
    raise ValidationError(WRONG_CODE, code="wrong_code")


def _code_to_check(user) -> PhoneCode | None:
    """The newest usable code of the account (locked), or None: no account, no code, expired or
    out of attempts all look the same from outside."""
    if user is None:
        return None
    try:
        return usable_code(user, timezone.now())
    except ValidationError:
        return None


def _claim_apply(*, user, phone_code: PhoneCode, password: str) -> User:
    """Use the code, approve its phone verification, set the password, confirm the account's
    address; expects the user and the code locked. A password the validators refuse raises
    before anything is written, and the transaction rolls back."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    now = timezone.now()
    phone_code.used_at = now
    phone_code.full_clean()
    phone_code.save(update_fields=["attempts", "used_at"])
    verification = Verification.objects.select_for_update().get(pk=phone_code.verification_id)
    verification.status = Verification.Status.APPROVED
    verification.decided_at = now
    verification.full_clean()
    verification.save(update_fields=["status", "decided_at"])
    user.set_password(password)
    fields = ["password"]
    if user.verified_at is None:  # an earlier verification keeps counting
        user.verified_at, user.verification_method = now, Verification.Method.PHONE
        fields += ["verified_at", "verification_method"]
    if user.email_confirmed_at is None:
        # The address (phone-<digits>@callers…) stands for the phone the code just proved.
        user.email_confirmed_at = now
        fields.append("email_confirmed_at")
    user.full_clean(exclude=["last_name"])  # a caller may have given no surname
    user.save(update_fields=fields)
    return user
