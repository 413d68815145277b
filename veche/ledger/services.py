"""Writing the ledger. `post` is the only way money moves: two or more entries summing to zero,
one database transaction, the accounts locked in the order of their ids (two transfers between
the same accounts never wait for each other crosswise), each balance compared after the lock.
A key names the business event, so posting the same event again returns the first transaction.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from .models import Account, Entry, Kind, Transaction

Owner = models.Model | tuple[str, Any] | None
Leg = tuple[Account, int]


class InsufficientFunds(ValidationError):
    """The balance does not cover the amount (code "insufficient")."""

    def __init__(self, account: Account):
        super().__init__(
            _("There are not enough points or capital on the account."), code="insufficient"
        )
        self.account = account


def owner_of(owner: Owner) -> tuple[str, str]:
    """("accounts.user", "42") for a model instance, a pair as it is, ("", "") for none."""
    if owner is None:
        return "", ""
    if isinstance(owner, models.Model):
        return owner._meta.label_lower, str(owner.pk)
    owner_type, owner_id = owner
    return str(owner_type), str(owner_id)


def open_account(*, currency: str, kind: str, owner: Owner = None) -> Account:
    """The owner's account of this currency and kind, opened on first use (the unique constraint
    makes two first uses at once open one)."""
    owner_type, owner_id = owner_of(owner)
    account, _created = Account.objects.get_or_create(
        currency=currency,
        kind=kind,
        owner_type=owner_type,
        owner_id=owner_id,
        defaults={"may_go_negative": kind == Kind.ISSUING},
    )
    return account


def post(
    *,
    key: str,
    kind: str,
    legs: Sequence[Leg],
    memo: str = "",
    reverses: Transaction | None = None,
) -> tuple[Transaction, bool]:
    """Post one transaction; returns it and whether it is new (False: this key was posted
    before, and nothing changed). Refuses unbalanced legs with a ValidationError and a balance
    that would go below zero with InsufficientFunds, writing nothing."""
    amounts = _check_legs(key, legs)
    with transaction.atomic():
        accounts = _lock(amounts)
        existing = Transaction.objects.filter(key=key).first()
        if existing is not None:
            return existing, False
        for account in accounts.values():
            if account.balance + amounts[account.pk] < 0 and not account.may_go_negative:
                raise InsufficientFunds(account)
        try:
            with transaction.atomic():
                posted = Transaction(key=key, kind=kind, memo=memo[:200], reverses=reverses)
                posted.full_clean(validate_unique=False, validate_constraints=False)
                posted.save(force_insert=True)
        except IntegrityError:
            # The same key committed by another transaction that touched other accounts, or
            # this transaction already reversed.
            existing = Transaction.objects.filter(key=key).first()
            if existing is None:
                raise ValidationError(
                    _("This transaction has already been reversed."), code="reversed"
                ) from None
            return existing, False
        _apply(posted, accounts, amounts)
        return posted, True


def reverse(
    *, original: Transaction, key: str, kind: str, memo: str = ""
) -> tuple[Transaction, bool]:
    """Undo a transaction with one that moves every amount back (never a deletion)."""
    legs = [(entry.account, -entry.amount) for entry in original.entries.select_related("account")]
    return post(key=key, kind=kind, legs=legs, memo=memo, reverses=original)


def _check_legs(key: str, legs: Iterable[Leg]) -> dict[int, int]:
    """Account id → amount; refuses an empty key, fewer than two accounts, an amount that is not
    a non-zero whole number, and legs that do not sum to zero."""
    if not key:
        raise ValidationError(_("A transaction needs an idempotency key."), code="key")
    amounts: dict[int, int] = {}
    for account, amount in legs:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
            raise ValidationError(_("An amount must be a non-zero whole number."), code="amount")
        if account.pk in amounts:
            raise ValidationError(_("An account appears twice in one transaction."), code="twice")
        amounts[account.pk] = amount
    if len(amounts) < 2:
        raise ValidationError(_("A transaction needs two or more entries."), code="entries")
    if sum(amounts.values()) != 0:
        raise ValidationError(_("The entries of a transaction must sum to zero."), code="sum")
    return amounts


def _lock(amounts: dict[int, int]) -> dict[int, Account]:
    """The accounts re-read under row locks, in the order of their ids (a stable order: two
    transactions over the same accounts queue instead of deadlocking)."""
    locked = Account.objects.select_for_update().filter(pk__in=amounts).order_by("pk")
    return {account.pk: account for account in locked}


def _apply(posted: Transaction, accounts: dict[int, Account], amounts: dict[int, int]) -> None:
    """Write the entries and the new balances. Expects the accounts locked by `_lock`."""
    entries = []
    for account in accounts.values():
        account.balance += amounts[account.pk]
        entries.append(
            Entry(
                transaction=posted,
                account=account,
                amount=amounts[account.pk],
                balance_after=account.balance,
            )
        )
        # The database's check is the last word on a negative balance.
        Account.objects.filter(pk=account.pk).update(
            balance=models.F("balance") + amounts[account.pk]
        )
    Entry.objects.bulk_create(entries)
