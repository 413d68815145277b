"""Rate limits of the claim by phone (claim_views.py). Every count is the same whether or not the
number has an account, so a limit never tells who has one.

- Codes: every request counts per client address (`RATE_LIMIT_REGISTER`, as registration does)
  and per number (CODES_PER_HOUR an hour, as for phone verification), so nobody fills a
  stranger's phone with texts.
- Checks of a code: failed ones count per client address and per number under the login limit
  (`RATE_LIMIT_LOGIN`), reserved before the check and given back on success, as logins are.
"""

from django.http import HttpRequest

from veche.accounts.throttle import too_many_attempts_message
from veche.core import ratelimit
from veche.core.ratelimit import Rate, Slot

from .services.phone import CODES_PER_HOUR

CODE_CLIENT = "verification.claim-code"
CODE_PHONE = "verification.claim-code-phone"
CHECK_CLIENT = "verification.claim-check"
CHECK_PHONE = "verification.claim-check-phone"

__all__ = ["code_retry_after", "code_sent", "check_reserve", "check_succeeded", "message"]

message = too_many_attempts_message


def _code_limits(request: HttpRequest, phone: str) -> list[tuple[str, str, Rate]]:
    return [
        (CODE_CLIENT, ratelimit.client_ip(request), Rate.from_setting("RATE_LIMIT_REGISTER")),
        (CODE_PHONE, phone, Rate(CODES_PER_HOUR, 3600)),
    ]


def code_retry_after(request: HttpRequest, phone: str) -> int:
    """Seconds until a code may be asked for this number from this client; 0: now."""
    return max(ratelimit.retry_after(*limit) for limit in _code_limits(request, phone))


def code_sent(request: HttpRequest, phone: str) -> None:
    for limit in _code_limits(request, phone):
        ratelimit.hit(*limit)


def check_reserve(request: HttpRequest, phone: str) -> list[Slot]:
    """A slot per identity before a code is checked; raises ratelimit.Limited (holding nothing)
    when either is over the limit."""
    rate = Rate.from_setting("RATE_LIMIT_LOGIN")
    slots: list[Slot] = []
    try:
        for action, identity in (
            (CHECK_CLIENT, ratelimit.client_ip(request)),
            (CHECK_PHONE, phone),
        ):
            slots.append(ratelimit.reserve(action, identity, rate))
    except ratelimit.Limited:
        check_succeeded(slots)
        raise
    return slots


def check_succeeded(slots: list[Slot]) -> None:
    """The code was right: its check does not count against the limit."""
    for slot in slots:
        ratelimit.release(slot)
