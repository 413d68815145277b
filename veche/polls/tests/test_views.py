"""The residents' pages: list, poll with its ballot (also in two steps), results, cabinet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.polls.models import Ballot, Eligibility, QuestionKind, ResultsVisibility
from veche.polls.services import Response, ballot_cast
from veche.polls.tests.factories import DraftPollFactory, PollFactory, add_question, option

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(world):
    poll = PollFactory(municipality=world.surgut, title="Какой парк благоустроить?")
    add_question(poll, text="Выберите парк", options=("Кедровый лог", "Парк Победы"))
    return poll


def test_the_list_shows_open_polls_and_splits_by_period(client, world, poll):
    now = timezone.now()
    PollFactory(
        title="Будущий опрос",
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=9),
    )
    DraftPollFactory(title="Черновик")
    page = client.get(reverse("polls:list")).content.decode()
    assert (
        "Какой парк благоустроить?" in page
        and "Будущий опрос" not in page
        and "Черновик" not in page
    )
    upcoming = client.get(reverse("polls:list"), {"phase": "upcoming"}).content.decode()
    assert "Будущий опрос" in upcoming and "Какой парк" not in upcoming


def test_the_list_filters_by_territory_with_region_wide_polls(client, world, poll):
    PollFactory(title="Опрос Урая", municipality=world.urai)
    PollFactory(title="Опрос для всего округа", municipality=None)
    page = client.get(reverse("polls:list"), {"municipality": world.surgut.pk}).content.decode()
    assert "Какой парк" in page and "Опрос для всего округа" in page and "Опрос Урая" not in page


def test_the_list_costs_the_same_queries_for_1_and_10_polls(
    client, world, django_assert_max_num_queries
):
    PollFactory()
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("polls:list"))
    PollFactory.create_batch(9)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("polls:list"))


def test_a_resident_votes_on_the_page(client, world, poll):
    client.force_login(world.surgut_resident)
    question = poll.questions.get()
    response = client.post(
        reverse("polls:detail", args=[poll.pk]),
        {"asked": str(question.pk), f"question_{question.pk}": option(question, "Парк Победы").pk},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ваш бюллетень" in page or "Your ballot" in page
    assert Ballot.objects.filter(poll=poll, voter=world.surgut_resident).exists()


def test_a_ballot_without_a_required_answer_shows_the_question_and_saves_nothing(
    client, world, poll
):
    client.force_login(world.surgut_resident)
    question = poll.questions.get()
    response = client.post(reverse("polls:detail", args=[poll.pk]), {"asked": str(question.pk)})
    page = response.content.decode()
    assert (
        response.status_code == 200 and 'class="error-summary"' in page and "Выберите парк" in page
    )
    assert not Ballot.objects.exists()


def test_a_conditional_question_comes_on_a_second_step(client, world):
    poll = PollFactory(municipality=world.surgut)
    first = add_question(poll, text="Вы бываете в парке?", options=("Да", "Нет"))
    follow = add_question(
        poll,
        text="Как часто вы там бываете?",
        options=("Каждый день", "Реже"),
        shown_if=option(first, "Да"),
    )
    client.force_login(world.surgut_resident)
    url = reverse("polls:detail", args=[poll.pk])
    assert "Как часто" not in client.get(url).content.decode()
    step = client.post(
        url, {"asked": str(first.pk), f"question_{first.pk}": option(first, "Да").pk}
    )
    page = step.content.decode()
    assert step.status_code == 200 and "Как часто" in page and 'class="error-summary"' not in page
    assert not Ballot.objects.exists()
    done = client.post(
        url,
        {
            "asked": f"{first.pk},{follow.pk}",
            f"question_{first.pk}": option(first, "Да").pk,
            f"question_{follow.pk}": option(follow, "Реже").pk,
        },
    )
    assert done.status_code == 302
    assert Ballot.objects.get().answers.count() == 2


def test_the_poll_page_says_why_a_resident_may_not_vote(client, world):
    urai_only = PollFactory(municipality=world.urai, eligibility=Eligibility.RESIDENTS)
    add_question(urai_only)
    client.force_login(world.surgut_resident)
    page = client.get(reverse("polls:detail", args=[urai_only.pk])).content.decode()
    assert "Урай" in page and '<form method="post" action="/polls/' not in page
    refused = client.post(reverse("polls:detail", args=[urai_only.pk]), {})
    assert refused.status_code == 403
    assert not Ballot.objects.exists()


def test_a_draft_is_not_found_by_residents_but_seen_by_its_organizer(client, world):
    draft = DraftPollFactory(municipality=world.surgut)
    client.force_login(world.surgut_resident)
    assert client.get(reverse("polls:detail", args=[draft.pk])).status_code == 404
    client.force_login(world.urai_mayor_office)
    assert client.get(reverse("polls:detail", args=[draft.pk])).status_code == 404
    client.force_login(world.mayor_office)
    assert client.get(reverse("polls:detail", args=[draft.pk])).status_code == 200


def test_results_wait_for_their_moment(client, world, poll):
    poll.results_visibility = ResultsVisibility.AFTER_CLOSING
    poll.save()
    question = poll.questions.get()
    ballot_cast(
        voter=world.urai_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Парк Победы").pk])},
    )
    client.force_login(world.surgut_resident)
    hidden = client.get(reverse("polls:results", args=[poll.pk])).content.decode()
    assert "Парк Победы" not in hidden
    poll.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    poll.save()
    shown = client.get(reverse("polls:results", args=[poll.pk])).content.decode()
    assert "Парк Победы" in shown and "<table" in shown and "<caption" in shown


def test_the_results_page_costs_constant_queries(
    client, world, poll, django_assert_max_num_queries
):
    for i in range(5):
        add_question(poll, QuestionKind.MULTIPLE, text=f"Вопрос {i}", options=("А", "Б", "В"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("polls:results", args=[poll.pk]))
    assert response.status_code == 200


def test_the_cabinet_lists_my_votes(client, world, poll):
    question = poll.questions.get()
    ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Парк Победы").pk])},
    )
    client.force_login(world.surgut_resident)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Какой парк благоустроить?" in page


def test_the_feeds_list_published_polls(client, world, poll):
    DraftPollFactory(title="Черновик")
    rss = client.get(reverse("polls:feed_rss")).content.decode()
    atom = client.get(reverse("polls:feed_atom")).content.decode()
    assert "Какой парк благоустроить?" in rss and "Какой парк благоустроить?" in atom
    assert "Черновик" not in rss


def test_the_poll_page_costs_the_same_queries_for_1_and_10_questions(client, world, poll):
    client.force_login(world.surgut_resident)
    url = reverse("polls:detail", args=[poll.pk])
    with django_queries() as one:
        client.get(url)
    for i in range(9):
        add_question(poll, QuestionKind.MULTIPLE, text=f"Вопрос {i}", options=("А", "Б", "В"))
    with django_queries() as ten:
        client.get(url)
    assert len(ten) == len(one)


def django_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    return CaptureQueriesContext(connection)
