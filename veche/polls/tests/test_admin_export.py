"""The back office shows polls and ballots read-only; the export's pseudonyms are per poll."""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import StaffUserFactory
from veche.polls import selectors
from veche.polls.services import Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question, option

pytestmark = pytest.mark.django_db


def _vote(poll, voter):
    question = poll.questions.get()
    ballot_cast(
        voter=voter, poll=poll, answers={question.pk: Response(options=[option(question, "Да").pk])}
    )


def test_the_back_office_lists_polls_and_ballots_without_voters(client, world):
    poll = PollFactory(municipality=world.surgut, title="Мы выбираем спорт!")
    add_question(poll)
    _vote(poll, world.surgut_resident)
    client.force_login(StaffUserFactory(is_superuser=True))
    polls = client.get(reverse("admin:polls_poll_changelist"))
    assert polls.status_code == 200 and "Мы выбираем спорт!" in polls.content.decode()
    ballots = client.get(reverse("admin:polls_ballot_changelist")).content.decode()
    assert world.surgut_resident.email not in ballots
    assert client.get(reverse("admin:polls_poll_add")).status_code == 403


def test_a_voter_has_one_pseudonym_per_poll_and_another_in_the_next(world):
    first, second = PollFactory(), PollFactory()
    for poll in (first, second):
        add_question(poll)
        add_question(poll, text="Ещё вопрос")
        question, more = poll.questions.order_by("position")
        ballot_cast(
            voter=world.surgut_resident,
            poll=poll,
            answers={
                question.pk: Response(options=[option(question, "Да").pk]),
                more.pk: Response(options=[option(more, "Нет").pk]),
            },
        )
    in_first = {row["voter"] for row in selectors.ballot_rows_for_export(first)}
    in_second = {row["voter"] for row in selectors.ballot_rows_for_export(second)}
    assert len(in_first) == len(in_second) == 1 and in_first != in_second
