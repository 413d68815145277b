"""A web ballot checked against the process's copy of the poll (docs/polls.md "A ballot"): once
a process holds a poll's row and questions, a ballot that is the whole request is checked
against that copy and written without reading the poll again — on PostgreSQL by one statement
outside any transaction (`sql.whole_ballot`), which locks the poll's row first; on SQLite by
plain statements in one transaction (`_cast_in_steps`), the poll's count first. Either writes
nothing if the poll changed since the copy. These tests run outside the test's transaction, as
the server does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.events.models import Event
from veche.polls import selectors
from veche.polls.models import Ballot, Poll
from veche.polls.services import ballot_cast
from veche.polls.tests.factories import option
from veche.polls.tests.test_services_ballots import ballot_for, park_poll, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "/api/v1/polls"


@pytest.fixture
def poll(world):
    poll = park_poll(world)
    # The poll's first ballot in this process reads its row and questions under the lock.
    ballot_cast(voter=world.urai_resident, poll=poll, answers=ballot_for(poll))
    return poll


def body(poll) -> dict:
    single, multiple, _scale = list(poll.questions.order_by("position"))
    return {
        "answers": [
            {"question_id": single.pk, "option_ids": [option(single, "Парк Победы").pk]},
            {
                "question_id": multiple.pk,
                "option_ids": [option(multiple, "Фонари").pk, option(multiple, "Туалет").pk],
            },
        ],
        "demographics": {"age_group": "30-44", "sex": "f"},
    }


def polls_statements(captured) -> list[str]:
    """The statements of the ballot itself (not the session's or the user's)."""
    return [q["sql"] for q in captured.captured_queries if "polls_" in q["sql"]]


def test_a_web_ballot_skips_the_polls_read_and_counts_as_the_locked_one(client, world, poll):
    client.force_login(world.surgut_resident)
    given = body(poll)
    with CaptureQueriesContext(connection) as captured:
        cast = client.post(f"{BASE}/{poll.pk}/ballot", given, content_type="application/json")
    assert cast.status_code == 201, cast.content
    statements = polls_statements(captured)
    if connection.vendor == "postgresql":
        assert len(statements) == 1, statements
        assert statements[0].startswith("WITH g AS")
        assert not any(q["sql"] == "BEGIN" for q in captured.captured_queries)
    else:
        # Under the write lock only writes: the poll's count (if unchanged) first, no read.
        assert not any(s.startswith("SELECT") for s in statements), statements
        assert statements[0].startswith('UPDATE "polls_poll"'), statements
        assert '"updated_at" = ' in statements[0]
        # The poll, the ballot, the answers and five counter tables (the event is not polls_).
        assert len(statements) == 8, statements
    ballot = Ballot.objects.get(poll=poll, voter=world.surgut_resident)
    assert ballot.municipality_id == world.surgut.pk
    assert (ballot.age_group, ballot.sex) == ("30-44", "f")
    assert ballot.answers.count() == 3
    assert Poll.objects.get(pk=poll.pk).ballot_count == 2
    assert selectors.counter_mismatches(poll) == []
    event = Event.objects.filter(kind="polls.ballot_cast").latest("pk")
    assert event.payload == {"ballot": ballot.pk, "channel": "web", "voting_point": None}
    assert (event.subject_id, event.territory_id) == (str(poll.pk), world.surgut.pk)


def test_a_second_ballot_is_refused_by_the_statement_and_writes_nothing(client, world, poll):
    client.force_login(world.urai_resident)
    before = snapshot(poll)
    again = client.post(f"{BASE}/{poll.pk}/ballot", body(poll), content_type="application/json")
    assert again.status_code == 409
    assert snapshot(poll) == before
    assert selectors.counter_mismatches(poll) == []


def test_a_poll_closed_in_another_process_refuses_the_ballot(client, world, poll):
    """This process's copy still says open: the statement sees the poll's `updated_at` moved,
    writes nothing, and the ballot is checked again under the lock — and refused."""
    now = timezone.now()
    Poll.objects.filter(pk=poll.pk).update(closes_at=now, updated_at=now)
    before = snapshot(poll)
    client.force_login(world.surgut_resident)
    cast = client.post(f"{BASE}/{poll.pk}/ballot", body(poll), content_type="application/json")
    assert cast.status_code == 403, cast.content
    assert snapshot(poll) == before


def test_a_wrong_ballot_is_checked_under_the_lock_and_writes_nothing(client, world, poll):
    client.force_login(world.surgut_resident)
    before = snapshot(poll)
    wrong = client.post(
        f"{BASE}/{poll.pk}/ballot", {"answers": []}, content_type="application/json"
    )
    assert wrong.status_code == 422
    assert snapshot(poll) == before
