"""Signed links for e-mail confirmation and change of e-mail.

A token names the user and a fingerprint of the address it was sent to; it is signed with the
SECRET_KEY and a purpose-specific salt, and is valid for EMAIL_LINK_MAX_AGE. Tokens are single-use
without any stored state: confirming changes the user's state, after which the token no longer
matches it (see services.email_confirm and services.email_change_confirm).
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

EMAIL_LINK_MAX_AGE = 3 * 24 * 3600  # three days

CONFIRM_SALT = "veche.accounts.email-confirm"
CHANGE_SALT = "veche.accounts.email-change"


class TokenExpired(Exception):
    """The link was genuine but is older than EMAIL_LINK_MAX_AGE."""


class TokenInvalid(Exception):
    """The link was altered, truncated or made for something else."""


def email_fingerprint(email: str) -> str:
    """A short keyed hash of an address: ties a token to it without putting it in the URL."""
    return salted_hmac("veche.accounts.email-fingerprint", email.lower()).hexdigest()[:16]


def fingerprint_matches(fingerprint: str, email: str) -> bool:
    return constant_time_compare(fingerprint, email_fingerprint(email))


@dataclass(frozen=True)
class ConfirmPayload:
    user_id: int
    fingerprint: str


@dataclass(frozen=True)
class ChangePayload:
    user_id: int
    old_fingerprint: str
    new_email: str


def _unsign(token: str, salt: str) -> dict:
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(
            token, max_age=EMAIL_LINK_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict):
        raise TokenInvalid
    return payload


def make_confirm_token(*, user_id: int, email: str) -> str:
    payload = {"u": user_id, "e": email_fingerprint(email)}
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload)


def read_confirm_token(token: str) -> ConfirmPayload:
    payload = _unsign(token, CONFIRM_SALT)
    try:
        return ConfirmPayload(user_id=int(payload["u"]), fingerprint=str(payload["e"]))
    except (KeyError, ValueError, TypeError) as error:
        raise TokenInvalid from error


def make_change_token(*, user_id: int, old_email: str, new_email: str) -> str:
    payload = {"u": user_id, "o": email_fingerprint(old_email), "n": new_email}
    return signing.TimestampSigner(salt=CHANGE_SALT).sign_object(payload)


def read_change_token(token: str) -> ChangePayload:
    payload = _unsign(token, CHANGE_SALT)
    try:
        return ChangePayload(
            user_id=int(payload["u"]),
            old_fingerprint=str(payload["o"]),
            new_email=str(payload["n"]),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise TokenInvalid from error


class TokenUsed(Exception):
    """The link was genuine and has already done its work."""
