"""Spends at the same moment from one balance: the account's row lock makes the comparison and
the write one step, so exactly as many succeed as the balance covers and it never goes below
zero; the same key posted at once by many is one transaction. Run on PostgreSQL too (on SQLite
writers queue anyway)."""

from functools import partial

import pytest

from veche.ledger.models import Account, Transaction
from veche.ledger.services import InsufficientFunds, post
from veche.testing.concurrency import at_once

from .factories import fund, points_of, spending


def run_at_once(count, work):
    outcome = at_once([partial(work, n) for n in range(count)], refusals=(InsufficientFunds,))
    return outcome.done, outcome.refused, outcome.errors


@pytest.mark.django_db(transaction=True)
def test_fifty_spends_from_a_balance_covering_ten():
    anna = points_of(("accounts.user", "1"))
    sink = spending()
    fund(anna, 10)

    def spend(n):
        return post(key=f"spend:{n}", kind="test.spend", legs=[(sink, 1), (anna, -1)])

    results, refused, errors = run_at_once(50, spend)
    assert errors == []
    assert (len(results), len(refused)) == (10, 40)
    assert Account.objects.get(pk=anna.pk).balance == 0
    assert Account.objects.get(pk=sink.pk).balance == 10


@pytest.mark.django_db(transaction=True)
def test_the_same_event_posted_at_once_is_one_transaction():
    anna = points_of(("accounts.user", "1"))
    issuer = Account.objects.get(pk=fund(anna, 1).entries.exclude(account=anna).get().account_id)

    def grant(n):
        return post(key="points.grant:event:1", kind="t", legs=[(issuer, -5), (anna, 5)])

    results, refused, errors = run_at_once(10, grant)
    assert errors == [] and refused == []
    assert sum(created for _posted, created in results) == 1
    assert Transaction.objects.filter(key="points.grant:event:1").count() == 1
    assert Account.objects.get(pk=anna.pk).balance == 6
