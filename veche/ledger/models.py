"""A double-entry ledger: accounts, and transactions of two or more entries that sum to zero.

Points and virtual capital live here (docs/ledger.md). An account belongs to a generic owner named
by strings (`"accounts.user"`, `"42"`), as an event names its subject, so the ledger imports no
app that owns accounts. `balance` is the sum of the account's entries, kept on the row so that a
spend can lock one row and compare; the database refuses a negative balance unless the account
is an issuing one, and `ledger_check` recomputes every balance from the entries.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    POINTS = "points", _("points")
    CAPITAL = "capital", _("virtual capital")


class Kind(models.TextChoices):
    # A person's points or virtual capital.
    PERSONAL = "personal", _("personal")
    # A community project's collected capital.
    PROJECT = "project", _("project")
    # Where points and capital come from: its balance goes below zero by everything issued.
    ISSUING = "issuing", _("issuing")
    # Where spent points go (rewards ordered, capital returned to nobody).
    SPENDING = "spending", _("spending")
    # Points held for an order until staff fulfil or cancel it.
    RESERVED = "reserved", _("reserve")


class Account(models.Model):
    currency = models.CharField(_("currency"), max_length=10, choices=Currency.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    owner_type = models.CharField(_("owner type"), max_length=60, blank=True)
    owner_id = models.CharField(_("owner id"), max_length=40, blank=True)
    balance = models.BigIntegerField(_("balance"), default=0)
    # Only issuing accounts: every other balance stays at zero or above (the check below).
    may_go_negative = models.BooleanField(_("may go negative"), default=False)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "kind", "owner_type", "owner_id"], name="ledger_account_owner"
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0) | Q(may_go_negative=True),
                name="ledger_account_balance_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(may_go_negative=False) | Q(kind=Kind.ISSUING),
                name="ledger_account_only_issuing_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency}/{self.kind} {self.owner_type}:{self.owner_id}"


class Transaction(models.Model):
    """One business event's movement. `key` names the event (`points.grant:event:123`), so the
    same event posted twice is one transaction; `reverses` points at the transaction a reversal
    undoes (once: the column is unique)."""

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=60)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.kind} {self.key}"


class Entry(models.Model):
    """One account's part of a transaction. `balance_after` is the account's balance once this
    entry was applied (the history shows it; the check recomputes balances from `amount`)."""

    # No single-column indexes: the unique (transaction, account) and the (account, -id) index
    # lead with these columns and serve their lookups; each entry written updates two fewer.
    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("transaction"),
        db_index=False,
    )
    account = models.ForeignKey(
        Account,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("account"),
        db_index=False,
    )
    amount = models.BigIntegerField(_("amount"))
    balance_after = models.BigIntegerField(_("balance after"))

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "-id"], name="ledger_entry_account")]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
            models.UniqueConstraint(fields=["transaction", "account"], name="ledger_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d}"
