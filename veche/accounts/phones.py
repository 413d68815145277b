"""Russian phone numbers: any usual notation in, E.164 (+7XXXXXXXXXX) out.

Residents write numbers as 8 (912) 345-67-89, +7 912 345 67 89, 89123456789 or 9123456789; all of
them are the same number and must be stored once, so that the unique index means something.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
E164_RU = re.compile(r"^\+7\d{10}$")
# Only digits, spaces, brackets, dashes, dots and a leading plus are part of a phone number.
PLAUSIBLE = re.compile(r"^\+?[\d\s().-]{5,25}$")

INVALID_MESSAGE = _("Enter a Russian mobile or landline number, for example +7 912 345-67-89.")


def normalize_phone(raw: str) -> str:
    """The number in E.164, or ValidationError (code "invalid_phone") in the user's language.

    Only Russian mobile and landline numbers are accepted: +7 7XX numbers are Kazakh, and 8-800
    toll-free lines reach an organisation, not a resident.
    """
    text = (raw or "").strip()
    if not PLAUSIBLE.match(text):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    try:
        number = phonenumbers.parse(text, "RU")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone") from error
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "RU"
        or phonenumbers.number_type(number) not in ALLOWED_TYPES
    ):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164_phone(value: str) -> None:
    """Model-level guard: what is stored is already normalized."""
    if value and not E164_RU.match(value):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")


def format_phone(value: str) -> str:
    """+79123456789 → +7 912 345-67-89, for display to its owner and to staff."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
