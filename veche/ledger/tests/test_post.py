"""Posting: entries sum to zero, balances follow, nothing is written twice or half."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from veche.ledger.models import Account, Currency, Entry, Kind, Transaction
from veche.ledger.services import InsufficientFunds, Then, account_ref, post, reverse

from .factories import fund, issuing, points_of, spending

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Account.objects.values_list("pk", "balance").order_by("pk")),
        Entry.objects.count(),
        Transaction.objects.count(),
    )


def test_a_transfer_moves_balances_and_records_balance_after():
    anna = points_of(("accounts.user", "1"))
    fund(anna, 30)
    posted, created = post(key="order:1", kind="test.spend", legs=[(anna, -12), (spending(), 12)])
    assert created
    anna.refresh_from_db()
    assert anna.balance == 18
    assert issuing().balance == -30
    assert spending().balance == 12
    assert posted.entries.get(account=anna).balance_after == 18
    assert sum(posted.entries.values_list("amount", flat=True)) == 0


def test_three_legs_are_one_transaction():
    anna = points_of(("accounts.user", "1"))
    boris = points_of(("accounts.user", "2"))
    posted, _ = post(
        key="split:1", kind="test.split", legs=[(issuing(), -10), (anna, 7), (boris, 3)]
    )
    assert posted.entries.count() == 3


def test_the_same_key_twice_is_one_transaction():
    anna = points_of(("accounts.user", "1"))
    first, created = post(key="event:7", kind="t", legs=[(issuing(), -5), (anna, 5)])
    again, created_again = post(key="event:7", kind="t", legs=[(issuing(), -5), (anna, 5)])
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    anna.refresh_from_db()
    assert anna.balance == 5
    assert Entry.objects.count() == 2


@pytest.mark.parametrize(
    "amounts",
    [(-5, 4), (5, 5), (0, 0), (-5,), (2.5, -2.5), (True, -1)],
    ids=["unbalanced", "no-debit", "zero", "one-leg", "fraction", "bool"],
)
def test_bad_legs_are_refused_and_nothing_is_written(amounts):
    accounts = [issuing(), points_of(("accounts.user", "1"))]
    before = snapshot()
    with pytest.raises(ValidationError):
        post(key="bad:1", kind="t", legs=list(zip(accounts, amounts, strict=False)))
    assert snapshot() == before


def test_an_empty_key_and_an_account_twice_are_refused():
    anna = points_of(("accounts.user", "1"))
    with pytest.raises(ValidationError):
        post(key="", kind="t", legs=[(issuing(), -1), (anna, 1)])
    with pytest.raises(ValidationError):
        post(key="k", kind="t", legs=[(anna, -1), (anna, 1)])


def test_a_spend_beyond_the_balance_is_refused_and_nothing_is_written():
    anna = points_of(("accounts.user", "1"))
    fund(anna, 10)
    sink = spending()
    before = snapshot()
    with pytest.raises(InsufficientFunds) as refusal:
        post(key="order:2", kind="t", legs=[(anna, -11), (sink, 11)])
    assert refusal.value.code == "insufficient"
    assert snapshot() == before


def test_the_database_refuses_a_negative_personal_balance():
    anna = points_of(("accounts.user", "1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=anna.pk).update(balance=-1)


def test_the_issuing_account_goes_negative():
    fund(points_of(("accounts.user", "1")), 100)
    assert issuing().balance == -100


def test_a_reversal_moves_everything_back_once():
    anna = points_of(("accounts.user", "1"))
    grant = fund(anna, 10)
    reversal, created = reverse(original=grant, key="revoke:1", kind="t.revoke")
    assert created
    assert reversal.reverses == grant
    anna.refresh_from_db()
    assert anna.balance == 0
    with pytest.raises(ValidationError):
        reverse(original=grant, key="revoke:other", kind="t.revoke")
    assert Transaction.objects.filter(reverses=grant).count() == 1


def test_a_reversal_of_spent_points_is_refused():
    anna = points_of(("accounts.user", "1"))
    grant = fund(anna, 10)
    post(key="order:3", kind="t", legs=[(anna, -8), (spending(), 8)])
    with pytest.raises(InsufficientFunds):
        reverse(original=grant, key="revoke:2", kind="t.revoke")


def test_a_refusal_leaves_the_callers_transaction_usable():
    anna = points_of(("accounts.user", "1"))
    fund(anna, 5)
    with transaction.atomic():
        with pytest.raises(InsufficientFunds):
            post(key="order:4", kind="t", legs=[(anna, -8), (spending(), 8)])
        post(key="order:5", kind="t", legs=[(anna, -5), (spending(), 5)])
    anna.refresh_from_db()
    assert anna.balance == 0
    assert not Transaction.objects.filter(key="order:4").exists()


def test_a_repeated_key_returns_the_first_transaction_even_when_the_balance_is_short():
    anna = points_of(("accounts.user", "1"))
    fund(anna, 5)
    first, _ = post(key="order:6", kind="t", legs=[(anna, -5), (spending(), 5)])
    again, created = post(key="order:6", kind="t", legs=[(anna, -5), (spending(), 5)])
    assert (again, created) == (first, False)
    assert Entry.objects.filter(transaction=first).count() == 2


def test_a_known_account_id_is_found_once_and_a_stale_one_is_replaced():
    sink = spending()
    anna = points_of(("accounts.user", "1"))
    fund(anna, 10)
    with CaptureQueriesContext(connection) as queries:
        ref = account_ref(
            currency=Currency.POINTS, kind=Kind.PERSONAL, owner=("accounts.user", "1")
        )
    assert (ref.pk, len(queries)) == (anna.pk, 0)
    # An id that now names another owner's account (a flushed database reuses ids): the posting
    # opens the right account again instead of moving another owner's balance.
    boris = points_of(("accounts.user", "2"))
    fund(boris, 10, key="fund:boris")
    stale = Account(
        pk=boris.pk,
        currency=anna.currency,
        kind=anna.kind,
        owner_type=anna.owner_type,
        owner_id=anna.owner_id,
    )
    post(key="order:7", kind="t", legs=[(stale, -4), (sink, 4)])
    anna.refresh_from_db()
    boris.refresh_from_db()
    assert (anna.balance, boris.balance) == (6, 10)
    # An id of no account at all.
    gone = Account(
        pk=10**9,
        currency=anna.currency,
        kind=anna.kind,
        owner_type=anna.owner_type,
        owner_id=anna.owner_id,
    )
    post(key="order:8", kind="t", legs=[(gone, -1), (sink, 1)])
    anna.refresh_from_db()
    assert anna.balance == 5


def test_a_gift_like_posting_takes_four_statements_or_one_on_postgresql():
    anna, sink = points_of(("accounts.user", "1")), spending()
    fund(anna, 10)
    with CaptureQueriesContext(connection) as queries:
        post(key="order:9", kind="t", legs=[(anna, -3), (sink, 3)])
    # Lock the accounts, insert the transaction, one UPDATE of both balances, the entries: on
    # PostgreSQL all four are one statement.
    expected = 1 if connection.vendor == "postgresql" else 4
    assert len(queries) == expected, "\n".join(q["sql"] for q in queries.captured_queries)
    # The caller's accounts learn their balances after (nothing read again).
    assert (anna.balance, sink.balance) == (7, 3)
    assert entries_of(anna) == [(10, 10), (-3, 7)]


def entries_of(account):
    return list(
        Entry.objects.filter(account=account).order_by("pk").values_list("amount", "balance_after")
    )


def test_a_then_part_runs_in_the_posting_statement_and_only_posted_rows_feed_it():
    anna, sink = points_of(("accounts.user", "1")), spending()
    fund(anna, 10)
    # A part that reads `posted`: its row is the new transaction's id and a parameter.
    then = Then(
        parts="told AS (SELECT posted.id, %s::text AS note FROM posted)",
        params=["gift"],
        result="told",
    )
    if connection.vendor != "postgresql":
        with pytest.raises(ValueError):
            post(key="then:1", kind="t", legs=[(anna, -3), (sink, 3)], then=then)
        assert not Transaction.objects.filter(key="then:1").exists()
        return
    with CaptureQueriesContext(connection) as queries:
        posted, created = post(key="then:1", kind="t", legs=[(anna, -3), (sink, 3)], then=then)
    assert created and len(queries) == 1
    assert posted.then_row == (posted.pk, "gift")
    assert anna.balance == 7
    # Refused for the balance: nothing posted, the part saw no row, the caller is told.
    before = snapshot()
    with pytest.raises(InsufficientFunds):
        post(key="then:2", kind="t", legs=[(anna, -30), (sink, 30)], then=then)
    assert snapshot() == before
