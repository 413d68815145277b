"""What one gift costs the database (docs/benchmarks.md, "giving capital"): a repeated gift by a
resident to a project both already backed is a fixed, small number of statements. The old
ledger (the idempotency key read twice, a savepoint, accounts found with get_or_create on
every call) took 22; a regression past the bound fails here."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from veche.community.models import Gift
from veche.community.services import capital_give
from veche.ledger.models import Entry

from .factories import ProjectFactory, VerifiedUserFactory, capital, with_capital

pytestmark = pytest.mark.django_db

# The transaction's own BEGIN/COMMIT (a savepoint pair inside a test), the project's lock, then
# on PostgreSQL one statement of the ledger that also writes the gift (accounts locked; the
# transaction, balances, entries; the gift, counters, event, the freeze's check): four. SQLite
# runs those parts one by one: ten. Before: thirteen on both (the giver's account locked and read
# on its own, the freeze and "backed before" read, the gift, the counters and the event apart),
# then six on PostgreSQL (the ledger's lock and the gift's writes statements of their own).
GIFT_STATEMENTS = {"postgresql": 4, "sqlite": 10}


def test_a_gift_takes_a_fixed_small_number_of_statements():
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    capital_give(user=anna, project=project, amount=50)  # the accounts exist from here on
    with CaptureQueriesContext(connection) as queries:
        capital_give(user=anna, project=project, amount=100)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) <= GIFT_STATEMENTS[connection.vendor], "\n".join(statements)
    # Only capital_give's own transaction: the ledger posts without a savepoint of its own.
    assert sum(sql.startswith("SAVEPOINT") for sql in statements) <= 1, "\n".join(statements)
    project.refresh_from_db()
    assert (capital(anna), project.collected, project.backers) == (350, 150, 1)
    gift = Gift.objects.latest("pk")
    amounts = Entry.objects.filter(transaction=gift.transaction).values_list("amount", flat=True)
    assert sorted(amounts) == [-100, 100]


def test_the_gift_api_answers_from_the_gift_without_reading_again():
    from veche.api.tests.factories import ApiTokenFactory

    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    token = ApiTokenFactory(user=anna)
    capital_give(user=anna, project=project, amount=50)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token.plain_key}"}
    with CaptureQueriesContext(connection) as queries:
        answer = Client().post(
            "/api/v1/community/capital/gifts",
            {"project": project.pk, "amount": 100},
            content_type="application/json",
            **headers,
        )
    assert answer.status_code == 201, answer.content
    assert (answer.json()["collected"], answer.json()["balance"]) == (150, 350)
    statements = [q["sql"] for q in queries.captured_queries]
    # Nothing reads the project before the gift's transaction (its lock answers a 404), and
    # nothing reads the project or the balance after it.
    reads = [sql for sql in statements if sql.startswith("SELECT") and "community_project" in sql]
    assert len(reads) == 1, reads  # the service's lock only
    after = statements[max(i for i, sql in enumerate(statements) if "events_event" in sql) + 1 :]
    assert not any("community_project" in sql or "ledger_account" in sql for sql in after), after


def test_the_gift_api_answers_404_for_no_such_project():
    from veche.api.tests.factories import ApiTokenFactory

    anna = with_capital(VerifiedUserFactory(), 500)
    token = ApiTokenFactory(user=anna)
    answer = Client().post(
        "/api/v1/community/capital/gifts",
        {"project": 999999, "amount": 100},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token.plain_key}",
    )
    assert answer.status_code == 404
    assert capital(anna) == 500
