"""What one gift costs the database (docs/benchmarks.md, "giving capital"): a repeated gift by a
resident to a project both already backed is a fixed, small number of statements. The old
ledger (the idempotency key read twice, a savepoint, accounts found with get_or_create on
every call) took 22; a regression past the bound fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.community.models import Gift
from veche.community.services import capital_give
from veche.ledger.models import Entry

from .factories import ProjectFactory, VerifiedUserFactory, capital, with_capital

pytestmark = pytest.mark.django_db

# The transaction's own BEGIN/COMMIT (a savepoint pair inside a test) and twelve statements.
GIFT_STATEMENTS = 14


def test_a_gift_takes_a_fixed_small_number_of_statements():
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    capital_give(user=anna, project=project, amount=50)  # the accounts exist from here on
    with CaptureQueriesContext(connection) as queries:
        capital_give(user=anna, project=project, amount=100)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) <= GIFT_STATEMENTS, "\n".join(statements)
    # Only capital_give's own transaction: the ledger posts without a savepoint of its own.
    assert sum(sql.startswith("SAVEPOINT") for sql in statements) <= 1, "\n".join(statements)
    project.refresh_from_db()
    assert (capital(anna), project.collected, project.backers) == (350, 150, 1)
    gift = Gift.objects.latest("pk")
    amounts = Entry.objects.filter(transaction=gift.transaction).values_list("amount", flat=True)
    assert sorted(amounts) == [-100, 100]
