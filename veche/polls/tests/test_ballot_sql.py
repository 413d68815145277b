"""The ballot's own SQL (polls/sql.py) writes what the ORM and the platform's services would have:
the poll's row as `.get()` reads it, the event as `record_event` records it, the voter's
municipality and groups as they were; the questions a ballot is checked against follow every
change of them, also one made in another process; and a ballot costs a constant, small number
of statements."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.events.services import record_event
from veche.polls import selectors, sql
from veche.polls.models import Ballot, BallotGroupCount, GroupCount, Poll, QuestionKind
from veche.polls.services import Demographics, Response, ballot_cast
from veche.polls.services import questions as question_services
from veche.polls.services.questions import QuestionIn, question_add
from veche.polls.tests.factories import PollFactory, add_question, option
from veche.polls.tests.test_services_ballots import ballot_for, park_poll

pytestmark = pytest.mark.django_db
BASE = "/api/v1/polls"


@pytest.fixture
def poll(world):
    return park_poll(world)


def test_the_poll_read_without_the_orm_is_the_orms(world, poll):
    for lock in (False, True):
        read = sql.read_poll(poll.pk, lock=lock)
        expected = Poll.objects.get(pk=poll.pk)
        for field in Poll._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(expected, field.attname), field.name
        assert type(read.asks_demographics) is bool
        assert read.opens_at.tzinfo is not None
    with pytest.raises(Poll.DoesNotExist):
        sql.read_poll(poll.pk + 1000)


def test_the_ballots_event_is_the_one_record_event_writes(world, poll):
    ballot = ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    written = Event.objects.get(kind="polls.ballot_cast")
    told = record_event(
        kind="polls.ballot_cast",
        subject=poll,
        actor=world.surgut_resident,
        territory=poll.municipality_id,
        payload={"ballot": ballot.pk, "channel": "web", "voting_point": None},
    )
    told.refresh_from_db()
    columns = ("kind", "subject_type", "subject_id", "actor", "territory_id", "payload")
    assert [getattr(written, c) for c in columns] == [getattr(told, c) for c in columns]
    assert written.occurred_at == Ballot.objects.get(pk=ballot.pk).cast_at


def test_the_ballot_keeps_the_voters_municipality_and_groups_as_they_were(world, poll):
    ballot = ballot_cast(
        voter=world.urai_resident,
        poll=PollFactory(asks_demographics=True),  # region-wide
        answers={},
        demographics=Demographics(age_group="60+", sex="x", settlement_kind=""),
    )
    stored = Ballot.objects.get(pk=ballot.pk)
    assert (stored.municipality_id, stored.age_group, stored.sex, stored.settlement_kind) == (
        world.urai.pk,
        "60+",
        "",  # not a choice: kept empty
        "city",  # his settlement's kind
    )
    assert (ballot.municipality_id, ballot.settlement_kind) == (world.urai.pk, "city")


def test_without_demographics_no_group_is_kept_even_when_given(world):
    poll = PollFactory(municipality=world.surgut, asks_demographics=False)
    question = add_question(poll)
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Да").pk])},
        demographics=Demographics(age_group="18-29", sex="f", settlement_kind="village"),
    )
    stored = Ballot.objects.get(pk=ballot.pk)
    assert (stored.age_group, stored.sex, stored.settlement_kind) == ("", "", "")
    assert not GroupCount.objects.exists()
    assert list(BallotGroupCount.objects.values_list("dimension", "value", "count")) == [
        ("municipality", str(world.surgut.pk), 1)
    ]
    assert selectors.counter_mismatches(poll) == []


def test_a_voter_without_a_settlement_counts_under_not_known(world, poll):
    voter = UserFactory(settlement=None)
    ballot = ballot_cast(voter=voter, poll=PollFactory(), answers={})
    assert Ballot.objects.get(pk=ballot.pk).municipality_id is None
    assert BallotGroupCount.objects.get(poll=ballot.poll_id).value == "0"
    ballot_cast(voter=voter, poll=poll, answers=ballot_for(poll, extras=("Фонари", "Туалет")))
    assert selectors.counter_mismatches(poll) == []


def test_a_wrong_second_ballot_is_told_he_has_voted(client, world, poll):
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    client.force_login(world.surgut_resident)
    wrong = client.post(
        f"{BASE}/{poll.pk}/ballot", {"answers": []}, content_type="application/json"
    )
    assert wrong.status_code == 409
    assert Ballot.objects.filter(poll=poll).count() == 1


def _reads_questions(captured) -> bool:
    return any(
        query["sql"].startswith("SELECT") and '"polls_question"' in query["sql"]
        for query in captured.captured_queries
    )


def test_the_questions_are_read_once_per_poll_then_kept(world, poll):
    answers = ballot_for(poll)
    with CaptureQueriesContext(connection) as first:
        ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    with CaptureQueriesContext(connection) as second:
        ballot_cast(voter=world.verified, poll=poll, answers=answers)
    assert _reads_questions(first) and not _reads_questions(second)
    assert selectors.counter_mismatches(poll) == []


def test_a_change_of_the_questions_reaches_a_ballot_in_another_process(world, poll, monkeypatch):
    """Another process keeps its own copy: the poll's `updated_at`, moved by the change, is
    what makes it read the questions again."""
    with pytest.raises(ValidationError):  # refused: nothing written, the questions now kept
        ballot_cast(voter=world.surgut_resident, poll=poll, answers={})
    before = Poll.objects.get(pk=poll.pk).updated_at
    answers = ballot_for(poll)
    monkeypatch.setattr(question_services, "forget_frozen_questions", lambda poll_id: None)
    added = question_add(
        user=world.mayor_office,
        poll=poll,
        data=QuestionIn(
            text="Когда вам удобнее?", kind=QuestionKind.SINGLE, options=["Утром", "Вечером"]
        ),
    )
    assert Poll.objects.get(pk=poll.pk).updated_at > before
    with pytest.raises(ValidationError) as refused:  # the new question is required
        ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    assert f"question_{added.pk}" in refused.value.message_dict
    answers[added.pk] = Response(options=[option(added, "Утром").pk])
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    assert selectors.counter_mismatches(poll) == []


def test_a_ballot_through_the_api_costs_a_few_statements(client, world, poll):
    """The poll's row (its visibility), then in the transaction: the row under its lock, the
    ballot, the answers, counters and event (PostgreSQL: one statement; SQLite: one per table),
    the questions once per poll and process."""
    single, multiple, _scale = list(poll.questions.order_by("position"))
    body = {
        "answers": [
            {"question_id": single.pk, "option_ids": [option(single, "Парк Победы").pk]},
            {"question_id": multiple.pk, "option_ids": [option(multiple, "Фонари").pk]},
        ],
        "demographics": {"age_group": "30-44", "sex": "f"},
    }
    ballot_cast(voter=world.urai_resident, poll=poll, answers=ballot_for(poll))
    client.force_login(world.surgut_resident)
    with CaptureQueriesContext(connection) as captured:
        cast = client.post(f"{BASE}/{poll.pk}/ballot", body, content_type="application/json")
    assert cast.status_code == 201, cast.content
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SELECT", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
        and "django_session" not in q["sql"]
    ]
    expected = 2 if connection.vendor == "postgresql" else 9
    assert len(writes) == expected, writes
    assert selectors.counter_mismatches(poll) == []


def test_the_questions_read_in_one_query_are_the_orms(world, poll):
    conditional = add_question(poll, text="Почему?", options=("Далеко", "Скучно"))
    first = poll.questions.order_by("position").first()
    conditional.shown_if = option(first, "Парк Победы")
    conditional.save()
    add_question(poll, QuestionKind.TEXT, text="Что ещё?", options=(), is_required=False)
    expected = list(poll.questions.prefetch_related("options"))
    with CaptureQueriesContext(connection) as captured:
        read = sql.read_questions(poll.pk)
        options = [[(o.pk, o.text, o.is_other, o.value) for o in q.options.all()] for q in read]
    assert len(captured) == 1
    assert [(q.pk, q.text, q.kind, q.is_required, q.max_choices, q.shown_if_id) for q in read] == [
        (q.pk, q.text, q.kind, q.is_required, q.max_choices, q.shown_if_id) for q in expected
    ]
    assert options == [
        [(o.pk, o.text, o.is_other, o.value) for o in q.options.all()] for q in expected
    ]
    assert options[-1] == []  # the free-text question has none
