"""`ledger_check` recomputes balances from entries and finds what was tampered with."""

import pytest
from django.core.management import CommandError, call_command

from veche.ledger.models import Account, Entry

from .factories import fund, points_of

pytestmark = pytest.mark.django_db


def test_a_clean_ledger_passes(capsys):
    fund(points_of(("accounts.user", "1")), 10)
    call_command("ledger_check")
    assert "agree" in capsys.readouterr().out


def test_a_balance_tampered_with_in_the_database_is_found(capsys):
    anna = points_of(("accounts.user", "1"))
    fund(anna, 10)
    Account.objects.filter(pk=anna.pk).update(balance=500)
    with pytest.raises(CommandError):
        call_command("ledger_check")
    out = capsys.readouterr().out
    assert f"account {anna.pk}" in out
    assert "stored 500, entries sum to 10, drift +490" in out


def test_an_entry_tampered_with_is_found(capsys):
    anna = points_of(("accounts.user", "1"))
    grant = fund(anna, 10)
    Entry.objects.filter(transaction=grant, account=anna).update(amount=9)
    with pytest.raises(CommandError):
        call_command("ledger_check")
    out = capsys.readouterr().out
    assert f"transaction {grant.pk}" in out
    assert f"account {anna.pk}" in out
