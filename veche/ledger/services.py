"""Writing the ledger. `post` is the only way money moves: two or more entries summing to zero,
one database transaction, the accounts locked in the order of their ids (two transfers between
the same accounts never wait for each other crosswise), each balance compared after the lock.
A key names the business event, so posting the same event again returns the first transaction.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.core import rows
from veche.core.prepared import run_prepared

from .models import Account, Entry, Kind, Transaction

Owner = models.Model | tuple[str, Any] | None
Leg = tuple[Account, int]


class Then(NamedTuple):
    """More of a posting's one statement on PostgreSQL (`post(then=…)`), for a write that goes
    with the money (a gift's row): parts of its WITH after the ledger's own (`name AS (…), …`),
    their parameters, and the part whose one row `post` hands back as `posted.then_row` (None
    when that part returned none). A part that reads `posted` (the new transaction's id; no row
    when nothing was posted) writes only with it; one that does not writes anyway, so its
    caller must roll back when nothing was posted — `post` raises then, unless the key was
    posted before."""

    parts: str
    params: list
    result: str


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


# Account ids by (currency, kind, owner type, owner id): an account, once opened, keeps its id, so a
# process looks it up once. A stale id (an account deleted, a test database flushed, the opening
# transaction rolled back) is caught where it matters: `post` compares every locked row with the
# owner its leg names, forgets the id and opens the account again.
_account_ids: dict[tuple[str, str, str, str], int] = {}


def _owner_key(currency: str, kind: str, owner: Owner) -> tuple[str, str, str, str]:
    return (str(currency), str(kind), *owner_of(owner))


def open_account(*, currency: str, kind: str, owner: Owner = None) -> Account:
    """The owner's account of this currency and kind, opened on first use (the unique constraint
    makes two first uses at once open one). Read from the database: its balance is current."""
    owner_type, owner_id = owner_of(owner)
    account, _created = Account.objects.get_or_create(
        currency=currency,
        kind=kind,
        owner_type=owner_type,
        owner_id=owner_id,
        defaults={"may_go_negative": kind == Kind.ISSUING},
    )
    _account_ids[_owner_key(currency, kind, owner)] = account.pk
    return account


def account_ref(*, currency: str, kind: str, owner: Owner = None) -> Account:
    """The owner's account for a leg of `post`, without a query once its id is known. Only its id
    and owner are filled in: its balance is not read here (`post` reads it under the lock)."""
    key = _owner_key(currency, kind, owner)
    pk = _account_ids.get(key)
    if pk is None:
        return open_account(currency=currency, kind=kind, owner=owner)
    return Account(
        pk=pk,
        currency=key[0],
        kind=key[1],
        owner_type=key[2],
        owner_id=key[3],
        may_go_negative=kind == Kind.ISSUING,
    )


def lock_account(*, currency: str, kind: str, owner: Owner = None) -> Account:
    """The owner's account, opened if need be, locked for the rest of the transaction and read
    under the lock (one statement once it exists)."""
    owner_type, owner_id = owner_of(owner)
    mine = Account.objects.select_for_update().filter(
        currency=currency, kind=kind, owner_type=owner_type, owner_id=owner_id
    )
    account = mine.first()
    if account is None:
        open_account(currency=currency, kind=kind, owner=owner)
        account = mine.get()
    _account_ids[_owner_key(currency, kind, owner)] = account.pk
    return account


def forget_accounts() -> None:
    """Drop the known account ids (tests that flush the database call it)."""
    _account_ids.clear()


def post(
    *,
    key: str,
    kind: str,
    legs: Sequence[Leg],
    memo: str = "",
    reverses: Transaction | None = None,
    then: Then | None = None,
) -> tuple[Transaction, bool]:
    """Post one transaction; returns it and whether it is new (False: this key was posted
    before, and nothing changed). Refuses unbalanced legs with a ValidationError and a balance
    that would go below zero with InsufficientFunds, writing nothing.

    The steps: the accounts locked in the order of their ids and read, each balance compared;
    the transaction inserted unless its key (or the reversal of the same transaction) is already
    there, which the database's unique constraints decide (INSERT … ON CONFLICT DO NOTHING, no
    savepoint); one UPDATE of every balance (the database's check still refuses a negative
    one); one INSERT of the entries. On PostgreSQL all of it is one statement (`_post_in_one`),
    elsewhere three or four (`_post_in_steps`). A refusal leaves the caller's transaction usable
    (raised after nothing was written). Once posted, each leg's account object holds its
    balance after the transaction. `then` (PostgreSQL only) adds the caller's writes to the
    statement."""
    on_postgresql = transaction.get_connection().vendor == "postgresql"
    if then is not None and not on_postgresql:
        raise ValueError("A posting's `then` is PostgreSQL's: elsewhere write it after.")
    amounts = _check_legs(key, legs)
    posted = Transaction(key=key, kind=kind, memo=memo[:200], reverses=reverses)
    posted.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic(savepoint=False):
        if on_postgresql:
            short = _post_in_one(posted, key, legs, amounts, then)
        else:
            short = _post_in_steps(posted, key, legs, amounts)
        if posted.pk is not None:
            return posted, True
    # Nothing was written: the key was posted before, or the balance is short, or the original
    # was already reversed under another key.
    existing = Transaction.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    if short is not None:
        raise InsufficientFunds(short)
    raise ValidationError(_("This transaction has already been reversed."), code="reversed")


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


def _same_owner(row: Account | None, leg: Account) -> bool:
    fields = ("currency", "kind", "owner_type", "owner_id")
    return row is not None and all(getattr(row, f) == getattr(leg, f) for f in fields)


def _reopen_stale(key: str, legs: Sequence[Leg], stale: Iterable[int]) -> dict[int, int]:
    """Forget the known ids of these legs (they no longer name their owners' accounts), open
    the accounts again and return the legs' amounts by their corrected ids."""
    for i in stale:
        leg, _amount = legs[i]
        _account_ids.pop((leg.currency, leg.kind, leg.owner_type, leg.owner_id), None)
        # The caller's object is corrected in place: it learns its balance after the posting.
        leg.pk = open_account(
            currency=leg.currency, kind=leg.kind, owner=(leg.owner_type, leg.owner_id)
        ).pk
    return _check_legs(key, legs)


def _short(accounts: Iterable[Account], amounts: dict[int, int]) -> Account | None:
    """The first account whose balance does not cover its amount, if any."""
    return next(
        (
            account
            for account in accounts
            if account.balance + amounts[account.pk] < 0 and not account.may_go_negative
        ),
        None,
    )


def _post_in_steps(
    posted: Transaction, key: str, legs: Sequence[Leg], amounts: dict[int, int]
) -> Account | None:
    """`post` on databases other than PostgreSQL: the accounts locked and read, the balances
    compared, then the transaction, the balances and the entries (`_insert`, `_apply`). Sets
    `posted.pk` when written; returns the account that is short, if one is."""
    accounts, amounts = _lock(key, legs, amounts)
    short = _short(accounts.values(), amounts)
    if short is None and _insert(posted):
        _apply(posted, accounts, amounts)
        for leg, _amount in legs:  # the caller's accounts learn their balances after
            leg.balance = accounts[leg.pk].balance
    return short


def _lock(
    key: str, legs: Sequence[Leg], amounts: dict[int, int]
) -> tuple[dict[int, Account], dict[int, int]]:
    """The accounts re-read under row locks, in the order of their ids (a stable order: two
    transactions over the same accounts queue instead of deadlocking). A leg whose id no longer
    names its owner's account (a stale known id) is opened again and the lock taken anew."""
    for _attempt in range(2):
        ids = sorted(amounts)
        where = f"t.id IN ({', '.join(['%s'] * len(ids))})"
        locked = rows.read(Account, where, ids, order="t.id", lock=True)
        accounts = {account.pk: account for account in locked}
        stale = [
            i for i, (leg, _amount) in enumerate(legs) if not _same_owner(accounts.get(leg.pk), leg)
        ]
        if not stale:
            return accounts, amounts
        amounts = _reopen_stale(key, legs, stale)
    raise RuntimeError("ledger: an account changed its id while being posted to")


def _post_in_one(
    posted: Transaction,
    key: str,
    legs: Sequence[Leg],
    amounts: dict[int, int],
    then: Then | None = None,
) -> Account | None:
    """`post` on PostgreSQL: one prepared statement (`_post_sql`) locks the accounts in the
    order of their ids, compares each balance and owner under the lock, and only when all hold
    inserts the transaction, moves the balances and writes the entries. Sets `posted.pk` when
    written; returns the account that is short, if one is. A stale known id (a row of another
    owner, or none) writes nothing: the account is opened again and the statement run anew."""
    for _attempt in range(2):
        posted.created_at = timezone.now()
        found = run_prepared(
            _post_sql(*(then.parts, then.result) if then else ()),
            [
                list(amounts),
                list(amounts.values()),
                [leg.currency for leg, _amount in legs],
                [leg.kind for leg, _amount in legs],
                [leg.owner_type for leg, _amount in legs],
                [leg.owner_id for leg, _amount in legs],
                posted.key,
                posted.kind,
                posted.memo,
                posted.reverses_id,
                posted.created_at,
                *(then.params if then else ()),
            ],
            every_row=True,
        )
        # A row per locked account: (id, balance before, may go negative, its owner's,
        # transaction id, balance after, then `then`'s columns), the transaction id and the
        # balance after NULL when nothing was written.
        by_id = {row[0]: row for row in found}
        stale = [
            i
            for i, (leg, _amount) in enumerate(legs)
            if leg.pk not in by_id or not by_id[leg.pk][3]
        ]
        if stale:
            amounts = _reopen_stale(key, legs, stale)
            continue
        written = found[0][4] is not None
        for leg, _amount in legs:  # the caller's accounts learn their balances
            _pk, before, may_go_negative, _same, _txn, after = by_id[leg.pk][:6]
            leg.balance = after if written else before
            leg.may_go_negative = may_go_negative
        if written:
            posted.pk = found[0][4]
            posted._state.adding = False
            if then:
                posted.then_row = None if found[0][6] is None else tuple(found[0][6:])
            return None
        return _short([leg for leg, _amount in legs], amounts)
    raise RuntimeError("ledger: an account changed its id while being posted to")


@lru_cache
def _post_sql(then_parts: str = "", then_result: str = "") -> str:
    """`_post_in_one`'s statement; parameters: the legs' account ids, amounts, currencies,
    kinds, owner types and owner ids (six arrays in one order), then the transaction's key,
    kind, memo, reverses and created at, then those of `Then`'s parts. The lock is `FOR
    UPDATE` after `ORDER BY` (PostgreSQL sorts, then locks); under READ COMMITTED the locked
    rows are the newest versions, and the UPDATE further on moves those. Nothing is written
    unless every leg's account was found, is its owner's, and covers its amount (the
    database's check on the balance stays the last word)."""
    q = transaction.get_connection().ops.quote_name
    txn, acc, ent = (q(m._meta.db_table) for m in (Transaction, Account, Entry))
    columns = ", ".join(
        q(Transaction._meta.get_field(name).column)
        for name in ("key", "kind", "memo", "reverses", "created_at")
    )
    return (
        "WITH legs AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], "
        "%s::text[], %s::text[]) "
        "AS legs (account_id, amount, currency, kind, owner_type, owner_id)), "
        "locked AS (SELECT a.id, a.balance, a.may_go_negative, legs.amount, "
        "(a.currency, a.kind, a.owner_type, a.owner_id) = "
        "(legs.currency, legs.kind, legs.owner_type, legs.owner_id) AS same "
        f"FROM {acc} AS a JOIN legs ON a.id = legs.account_id ORDER BY a.id FOR UPDATE OF a), "
        "covered AS (SELECT count(*) = (SELECT count(*) FROM legs) AND bool_and(same AND "
        "(balance + amount >= 0 OR may_go_negative)) AS ok FROM locked), "
        f"posted AS (INSERT INTO {txn} ({columns}) SELECT %s, %s, %s, %s, %s FROM covered "
        "WHERE covered.ok ON CONFLICT DO NOTHING RETURNING id), "
        f"moved AS (UPDATE {acc} SET balance = {acc}.balance + legs.amount FROM legs, posted "
        f"WHERE {acc}.id = legs.account_id "
        f"RETURNING posted.id AS transaction_id, {acc}.id, {acc}.balance, legs.amount), "
        f"entered AS (INSERT INTO {ent} (transaction_id, account_id, amount, balance_after) "
        "SELECT transaction_id, id, amount, balance FROM moved) "
        + (f", {then_parts} " if then_parts else "")
        + "SELECT locked.id, locked.balance, locked.may_go_negative, locked.same, "
        "moved.transaction_id, moved.balance"
        + (", then_row.*" if then_result else "")
        + " FROM locked LEFT JOIN moved ON moved.id = locked.id"
        + (f" LEFT JOIN {then_result} AS then_row ON true" if then_result else "")
    )


def _insert(posted: Transaction) -> bool:
    """Insert the transaction unless a unique constraint (its key; the original it reverses)
    already holds one: True and its id set when inserted."""
    posted.created_at = timezone.now()
    fields = [
        Transaction._meta.get_field(name)
        for name in ("key", "kind", "memo", "reverses", "created_at")
    ]
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = [
        field.get_db_prep_save(getattr(posted, field.attname), connection) for field in fields
    ]
    sql = (
        f"INSERT INTO {quote(Transaction._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING RETURNING {quote('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    posted.pk = row[0]
    posted._state.adding = False
    return True


def _apply(posted: Transaction, accounts: dict[int, Account], amounts: dict[int, int]) -> None:
    """Write the new balances in one UPDATE … RETURNING (the database's check is the last word on
    a negative balance; the returned balances are each entry's `balance_after`), then the
    entries. Expects the accounts locked by `_lock`. Plain SQL: the ORM's CASE costs more to
    compile than the statement takes to run."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    table, pk, balance = quote(Account._meta.db_table), quote("id"), quote("balance")
    whens = " ".join(["WHEN %s THEN %s"] * len(amounts))
    sql = (
        f"UPDATE {table} SET {balance} = {balance} + CASE {pk} {whens} END "
        f"WHERE {pk} IN ({', '.join(['%s'] * len(amounts))}) RETURNING {pk}, {balance}"
    )
    params = [value for pair in amounts.items() for value in pair] + list(amounts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        after = dict(cursor.fetchall())
    entries = []
    for account in accounts.values():
        account.balance = after[account.pk]
        entries.append(
            Entry(
                transaction=posted,
                account=account,
                amount=amounts[account.pk],
                balance_after=account.balance,
            )
        )
    Entry.objects.bulk_create(entries)
