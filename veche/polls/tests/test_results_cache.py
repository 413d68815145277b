"""The results page keeps its breakdowns (by municipality and demographic group) in the cache
under the poll's ballot count: a second look reads none of them again, and any new ballot shows
at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from veche.polls.models import ResultsVisibility
from veche.polls.services import Demographics, Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question, option

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(world):
    poll = PollFactory(
        municipality=None,
        title="Какой парк благоустроить?",
        results_visibility=ResultsVisibility.LIVE,
        asks_demographics=True,
    )
    add_question(poll, text="Выберите парк", options=("Кедровый лог", "Парк Победы"))
    return poll


def vote(poll, voter, choice: str, age: str) -> None:
    question = poll.questions.get()
    ballot_cast(
        voter=voter,
        poll=poll,
        answers={question.pk: Response(options=[option(question, choice).pk])},
        demographics=Demographics(age_group=age),
    )


def test_a_second_look_reads_no_breakdown_and_a_new_ballot_shows_at_once(client, world, poll):
    url = reverse("polls:results", args=[poll.pk])
    vote(poll, world.surgut_resident, "Парк Победы", "18-29")
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(url).content.decode()
    assert breakdowns(second) == breakdowns(first)
    assert "Сургут" in breakdowns(second) and "Урай" not in breakdowns(second)
    assert not [q for q in again.captured_queries if "municipalitycount" in q["sql"]]

    vote(poll, world.urai_resident, "Кедровый лог", "60+")
    after = breakdowns(client.get(url).content.decode())
    # Urai's column comes with the new ballot, not an hour later.
    assert "Урай" in after and after != breakdowns(first)


def breakdowns(page: str) -> str:
    return page[page.index('id="municipalities-title"') :]


def test_a_guest_gets_the_whole_page_from_the_cache_until_the_next_event(
    client, world, poll, settings
):
    settings.GUEST_PAGE_CACHE_SECONDS = 60
    url = reverse("polls:results", args=[poll.pk])
    vote(poll, world.surgut_resident, "Парк Победы", "18-29")
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        cached = client.get(url).content.decode()
    # One query: the event log's last id, the version the page is kept under.
    assert len(again) == 1 and "Сургут" in breakdowns(cached)
    vote(poll, world.urai_resident, "Кедровый лог", "60+")  # records an event
    assert "Урай" in breakdowns(client.get(url).content.decode())
