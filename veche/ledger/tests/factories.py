"""Accounts for the ledger's tests: a person's points account and the points issuing account."""

from veche.ledger.models import Currency, Kind
from veche.ledger.services import open_account, post


def points_of(owner):
    return open_account(currency=Currency.POINTS, kind=Kind.PERSONAL, owner=owner)


def issuing():
    return open_account(currency=Currency.POINTS, kind=Kind.ISSUING, owner=("ledger.test", "1"))


def spending():
    return open_account(currency=Currency.POINTS, kind=Kind.SPENDING, owner=("ledger.test", "1"))


def fund(account, amount, key=None):
    """Issue `amount` onto the account."""
    posted, _created = post(
        key=key or f"test.fund:{account.pk}:{amount}:{account.entries.count()}",
        kind="test.fund",
        legs=[(issuing(), -amount), (account, amount)],
    )
    return posted
