"""One-click unsubscribe tokens: signed (user, scope) pairs that do nothing else.

A token ends exactly one thing — all notification e-mails ("email"), the digest ("digest") or one
subscription ("subscription:<id>") — and only for the user it names. It does not expire: the link
in a years-old e-mail must still work (RFC 8058). The salt keeps tokens of other features (e-mail
confirmation, password reset) from passing here and these from passing there.
"""

from dataclasses import dataclass

from django.core import signing

SALT = "veche.notifications.unsubscribe"
SCOPE_EMAIL = "email"
SCOPE_DIGEST = "digest"
SUBSCRIPTION_PREFIX = "subscription:"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    scope: str

    @property
    def subscription_id(self) -> int | None:
        if not self.scope.startswith(SUBSCRIPTION_PREFIX):
            return None
        return int(self.scope.removeprefix(SUBSCRIPTION_PREFIX))


def subscription_scope(subscription_id: int) -> str:
    return f"{SUBSCRIPTION_PREFIX}{subscription_id}"


def _valid_scope(scope: object) -> bool:
    if scope in (SCOPE_EMAIL, SCOPE_DIGEST):
        return True
    return (
        isinstance(scope, str)
        and scope.startswith(SUBSCRIPTION_PREFIX)
        and scope.removeprefix(SUBSCRIPTION_PREFIX).isdigit()
    )


def make_unsubscribe_token(*, user_id: int, scope: str) -> str:
    if not _valid_scope(scope):
        raise ValueError(f"Unknown unsubscribe scope {scope!r}")
    return signing.dumps({"u": user_id, "s": scope}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    """The token's (user, scope), or None when it is forged, altered or not one of ours."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    if not _valid_scope(data.get("s")):
        return None
    return Unsubscribe(user_id=data["u"], scope=data["s"])
