"""The points' accounts in the ledger, and the permission check every service starts with."""

from django.core.exceptions import PermissionDenied

from veche.ledger.models import Account, Currency, Kind
from veche.ledger.services import open_account

# The owners of the app's shared accounts, named as the ledger names owners.
RULES_OWNER = ("points.rule", "all")
ORDERS_OWNER = ("points.order", "all")


def person_account(user) -> Account:
    return open_account(currency=Currency.POINTS, kind=Kind.PERSONAL, owner=user)


def issuing_account() -> Account:
    return open_account(currency=Currency.POINTS, kind=Kind.ISSUING, owner=RULES_OWNER)


def reserve_account() -> Account:
    return open_account(currency=Currency.POINTS, kind=Kind.RESERVED, owner=ORDERS_OWNER)


def spending_account() -> Account:
    return open_account(currency=Currency.POINTS, kind=Kind.SPENDING, owner=ORDERS_OWNER)


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)
