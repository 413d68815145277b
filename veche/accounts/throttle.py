"""Rate limits of the account pages: which events count, and what the user is told.

- Login: failed attempts count, both per client address and per e-mail address tried (hashed),
  whether or not an account has that address, so the answer never tells the two apart.
- Registration and the pages that send an e-mail (resend confirmation, password reset): every
  accepted submission counts per client address, each action on its own counter.
"""

from django.http import HttpRequest
from django.utils.translation import ngettext

from veche.core import ratelimit
from veche.core.ratelimit import Rate

LOGIN = "accounts.login"
LOGIN_ACCOUNT = "accounts.login-account"
REGISTER = "accounts.register"
RESEND = "accounts.resend-confirmation"
PASSWORD_RESET = "accounts.password-reset"


def _login_identities(request: HttpRequest, email: str) -> list[tuple[str, str]]:
    identities = [(LOGIN, ratelimit.client_ip(request))]
    if email:
        identities.append((LOGIN_ACCOUNT, email.strip().lower()))
    return identities


def login_retry_after(request: HttpRequest, email: str) -> int:
    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    return max(
        ratelimit.retry_after(action, identity, rate)
        for action, identity in _login_identities(request, email)
    )


def login_failed(request: HttpRequest, email: str) -> None:
    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    for action, identity in _login_identities(request, email):
        ratelimit.hit(action, identity, rate)


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


PASSWORD_CHECK = "accounts.password-check"


def current_password_ok(user, password: str) -> bool:
    """Check a logged-in user's password (change of e-mail, deletion) under the login limit, so a
    stolen session cannot guess it; raises ValidationError on the password field when over it."""
    from django.core.exceptions import ValidationError

    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    wait = ratelimit.retry_after(PASSWORD_CHECK, str(user.pk), rate)
    if wait:
        raise ValidationError({"password": [too_many_attempts_message(wait)]})
    if user.check_password(password):
        return True
    ratelimit.hit(PASSWORD_CHECK, str(user.pk), rate)
    return False
