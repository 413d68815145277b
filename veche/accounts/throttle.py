"""Rate limits of the account pages: which events count, and what the user is told.

- Login (the portal's and the back office's): failed attempts count, both per client address and
  per account tried (its e-mail address, also when named by its phone; hashed), whether or not
  an account has that address, so the answer never tells the two apart. A slot is reserved
  before the password is checked and given back only when the login succeeds, so parallel
  guesses cannot check more passwords than the limit.
- Registration and the pages that send an e-mail (resend confirmation, password reset): every
  accepted submission counts per client address, each action on its own counter.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

from veche.core import ratelimit
from veche.core.ratelimit import Rate, Slot

from .selectors import login_email

LOGIN = "accounts.login"
LOGIN_ACCOUNT = "accounts.login-account"
REGISTER = "accounts.register"
RESEND = "accounts.resend-confirmation"
PASSWORD_RESET = "accounts.password-reset"
PASSWORD_CHECK = "accounts.password-check"


def _login_identities(request: HttpRequest, email: str) -> list[tuple[str, str]]:
    identities = [(LOGIN, ratelimit.client_ip(request))]
    if email:
        # One counter per account, whether it is named by its address or its phone (in any
        # notation): a phone is the account's address here.
        identities.append((LOGIN_ACCOUNT, login_email(email)))
    return identities


def login_reserve(request: HttpRequest, email: str) -> list[Slot]:
    """One slot per identity before a password is checked; raises Limited (holding nothing) when
    any identity is over the limit."""
    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    slots: list[Slot] = []
    try:
        for action, identity in _login_identities(request, email):
            slots.append(ratelimit.reserve(action, identity, rate))
    except ratelimit.Limited:
        login_succeeded(slots)
        raise
    return slots


def login_succeeded(slots: list[Slot]) -> None:
    """A successful login does not count against the limit."""
    for slot in slots:
        ratelimit.release(slot)


def retry_after(request: HttpRequest, action: str) -> int:
    """For registration and e-mail-sending pages: one counter per action and client address."""
    return ratelimit.retry_after(
        action, ratelimit.client_ip(request), Rate.from_setting("RATE_LIMIT_REGISTER")
    )


def hit(request: HttpRequest, action: str) -> None:
    ratelimit.hit(action, ratelimit.client_ip(request), Rate.from_setting("RATE_LIMIT_REGISTER"))


def too_many_attempts_message(seconds: int) -> str:
    minutes = ratelimit.minutes_to_wait(seconds)
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def current_password_ok(user, password: str) -> bool:
    """Check a logged-in user's password (change of e-mail, deletion) under the login limit, so a
    stolen session cannot guess it; raises ValidationError on the password field when over it."""
    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    try:
        slot = ratelimit.reserve(PASSWORD_CHECK, str(user.pk), rate)
    except ratelimit.Limited as limited:
        raise ValidationError(
            {"password": [too_many_attempts_message(limited.retry_after)]}
        ) from limited
    if user.check_password(password):
        ratelimit.release(slot)
        return True
    return False
