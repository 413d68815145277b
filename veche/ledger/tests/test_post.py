"""Posting: entries sum to zero, balances follow, nothing is written twice or half."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veche.ledger.models import Account, Entry, Transaction
from veche.ledger.services import InsufficientFunds, post, reverse

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
