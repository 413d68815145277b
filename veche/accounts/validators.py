"""Checks and normalisation of what a resident types about himself."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# Letters of any alphabet; words joined by a space, hyphen or apostrophe ("Салтыков-Щедрин").
NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
# Addresses on these top-level domains never receive mail; deleted accounts use ".invalid".
RESERVED_TLDS = {"invalid", "local", "localhost", "test", "example"}


def normalize_name(value: str) -> str:
    return " ".join((value or "").split())


def validate_name(value: str) -> None:
    if not NAME.match(value):
        raise ValidationError(
            _("Use letters only; parts may be joined by a space, a hyphen or an apostrophe."),
            code="invalid_name",
        )


def normalize_email(value: str) -> str:
    return (value or "").strip().lower()


def validate_deliverable_email(value: str) -> None:
    """A well-formed address on a domain that can receive mail."""
    message = _("Enter a valid e-mail address, for example ivanova@mail.ru.")
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValidationError(message, code="invalid_email") from error
    tld = value.rsplit(".", 1)[-1].lower()
    if tld in RESERVED_TLDS:
        raise ValidationError(message, code="invalid_email")
