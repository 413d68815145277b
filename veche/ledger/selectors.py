"""Reading the ledger: balances, an account's history, and the drift check's figures."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from .models import Account, Entry, Transaction
from .services import Owner, owner_of


def account_of(*, currency: str, kind: str, owner: Owner = None) -> Account | None:
    """The owner's account, or None when it was never opened (nothing is opened by reading)."""
    owner_type, owner_id = owner_of(owner)
    return Account.objects.filter(
        currency=currency, kind=kind, owner_type=owner_type, owner_id=owner_id
    ).first()


def balance_of(*, currency: str, kind: str, owner: Owner = None) -> int:
    account = account_of(currency=currency, kind=kind, owner=owner)
    return account.balance if account else 0


def history(account: Account | None) -> QuerySet[Entry]:
    """The account's entries, newest first, each with its transaction (slice it to a page)."""
    if account is None:
        return Entry.objects.none()
    return account.entries.select_related("transaction").order_by("-id")


@dataclass(frozen=True)
class Drift:
    account: Account
    stored: int
    computed: int


def balance_drift() -> list[Drift]:
    """Accounts whose stored balance differs from the sum of their entries (one query)."""
    accounts = Account.objects.annotate(computed=Sum("entries__amount")).order_by("pk")
    return [
        Drift(account, account.balance, account.computed or 0)
        for account in accounts
        if account.balance != (account.computed or 0)
    ]


def unbalanced_transactions() -> QuerySet[Transaction]:
    """Transactions whose entries do not sum to zero, or that have fewer than two."""
    return (
        Transaction.objects.annotate(total=Sum("entries__amount"), legs=Count("entries"))
        .filter(~Q(total=0) | Q(legs__lt=2) | Q(total__isnull=True))
        .order_by("pk")
    )
