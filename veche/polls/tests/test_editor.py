"""The organizer's editor pages: a poll's form with its errors, questions, publishing."""

import pytest
from django.urls import reverse

from veche.polls.models import Poll, PollStatus, Question
from veche.polls.tests.factories import DraftPollFactory, add_question

pytestmark = pytest.mark.django_db


def test_a_poll_with_moments_out_of_order_is_shown_again_with_the_error(client, world):
    client.force_login(world.mayor_office)
    response = client.post(
        reverse("polls:new"),
        {
            "title": "Мы выбираем спорт!",
            "municipality": world.surgut.pk,
            "opens_at": "2027-03-10T10:00",
            "closes_at": "2027-03-01T10:00",
            "eligibility": "registered",
            "results_visibility": "live",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in page
    assert "#poll-closes_at" in page
    assert not Poll.objects.exists()


def test_the_organizer_builds_and_publishes_a_poll(client, world):
    client.force_login(world.mayor_office)
    created = client.post(
        reverse("polls:new"),
        {
            "title": "Мы выбираем спорт!",
            "municipality": world.surgut.pk,
            "opens_at": "2027-03-01T10:00",
            "closes_at": "2027-03-20T10:00",
            "eligibility": "residents",
            "results_visibility": "after_closing",
        },
    )
    poll = Poll.objects.get()
    assert created.status_code == 302 and poll.eligibility == "residents"
    added = client.post(
        reverse("polls:question_new", args=[poll.pk]),
        {
            "text": "Какую секцию открыть?",
            "kind": "multiple",
            "options": "Бокс\nПлавание\nХоккей",
            "max_choices": 2,
            "is_required": "on",
        },
    )
    assert added.status_code == 302
    question = Question.objects.get()
    assert question.max_choices == 2 and question.options.count() == 3
    assert client.get(reverse("polls:edit", args=[poll.pk])).status_code == 200
    assert client.get(reverse("polls:question_edit", args=[question.pk])).status_code == 200
    client.post(reverse("polls:publish", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.status == PollStatus.PUBLISHED


def test_an_organizer_of_another_territory_finds_nothing(client, world):
    draft = DraftPollFactory(municipality=world.surgut)
    question = add_question(draft)
    client.force_login(world.urai_mayor_office)
    assert client.get(reverse("polls:edit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("polls:question_delete", args=[question.pk])).status_code == 404
    assert Question.objects.exists()


def test_residents_may_not_open_the_editor(client, world):
    client.force_login(world.surgut_resident)
    assert client.get(reverse("polls:new")).status_code == 403
    assert client.get(reverse("polls:manage")).status_code == 403


def test_my_polls_lists_the_organizers_own_territory(client, world):
    DraftPollFactory(municipality=world.surgut, title="Опрос Сургута")
    DraftPollFactory(municipality=world.urai, title="Опрос Урая")
    DraftPollFactory(municipality=None, title="Опрос округа")
    client.force_login(world.urai_mayor_office)
    page = client.get(reverse("polls:manage")).content.decode()
    assert "Опрос Урая" in page and "Опрос Сургута" not in page and "Опрос округа" not in page
    client.force_login(world.regional_admin)
    page = client.get(reverse("polls:manage")).content.decode()
    assert all(title in page for title in ("Опрос Урая", "Опрос Сургута", "Опрос округа"))
