"""/api/v1/polls/: list, detail with questions, casting a ballot (201, 409, 422 naming the
question in Russian, 403), results when visible."""

import pytest

from veche.polls.models import Ballot, Eligibility, QuestionKind, ResultsVisibility
from veche.polls.tests.factories import PollFactory, add_question, option

pytestmark = pytest.mark.django_db
BASE = "/api/v1/polls"


@pytest.fixture
def poll(world):
    poll = PollFactory(municipality=world.surgut, title="Какой парк благоустроить?")
    add_question(poll, text="Выберите парк", options=("Кедровый лог", "Парк Победы"))
    add_question(
        poll,
        QuestionKind.MULTIPLE,
        text="Что добавить?",
        options=("Скамейки", "Фонари", "Туалет"),
        max_choices=1,
    )
    return poll


def _questions(poll):
    return list(poll.questions.order_by("position"))


def test_the_list_and_the_detail_with_questions(client, poll):
    listed = client.get(f"{BASE}/").json()
    assert [item["title"] for item in listed["items"]] == ["Какой парк благоустроить?"]
    detail = client.get(f"{BASE}/{poll.pk}").json()
    assert [q["text"] for q in detail["questions"]] == ["Выберите парк", "Что добавить?"]
    assert detail["questions"][1]["max_choices"] == 1
    assert detail["can_vote"] is False and detail["refusal"]


def test_a_ballot_is_cast_once(client, world, poll):
    park, extras = _questions(poll)
    body = {
        "answers": [
            {"question_id": park.pk, "option_ids": [option(park, "Парк Победы").pk]},
            {"question_id": extras.pk, "option_ids": [option(extras, "Фонари").pk]},
        ]
    }
    client.force_login(world.surgut_resident)
    first = client.post(f"{BASE}/{poll.pk}/ballot", body, content_type="application/json")
    assert first.status_code == 201, first.content
    second = client.post(f"{BASE}/{poll.pk}/ballot", body, content_type="application/json")
    assert second.status_code == 409
    assert "уже голосовали" in second.json()["detail"]
    assert Ballot.objects.count() == 1
    assert client.get(f"{BASE}/{poll.pk}").json()["voted_at"]


def test_a_bad_ballot_is_a_422_naming_the_question_in_russian(client, world, poll):
    park, extras = _questions(poll)
    client.force_login(world.surgut_resident)
    response = client.post(
        f"{BASE}/{poll.pk}/ballot",
        {
            "answers": [
                {
                    "question_id": extras.pk,
                    "option_ids": [option(extras, "Фонари").pk, option(extras, "Туалет").pk],
                }
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert "«Выберите парк»" in errors[("body", "answers", str(park.pk))]
    assert (
        "не более 1" in errors[("body", "answers", str(extras.pk))]
        or "Выберите" in errors[("body", "answers", str(extras.pk))]
    )
    assert not Ballot.objects.exists()


def test_an_ineligible_voter_gets_a_403_in_words(client, world):
    urai_only = PollFactory(municipality=world.urai, eligibility=Eligibility.RESIDENTS)
    question = add_question(urai_only)
    client.force_login(world.surgut_resident)
    response = client.post(
        f"{BASE}/{urai_only.pk}/ballot",
        {"answers": [{"question_id": question.pk, "option_ids": [option(question, "Да").pk]}]},
        content_type="application/json",
    )
    assert response.status_code == 403 and "Урай" in response.json()["detail"]


def test_results_when_visible(client, world, poll):
    assert client.get(f"{BASE}/{poll.pk}/results").status_code == 200
    poll.results_visibility = ResultsVisibility.ON_PUBLICATION
    poll.save()
    assert client.get(f"{BASE}/{poll.pk}/results").status_code == 403
    client.force_login(world.mayor_office)
    assert (
        client.get(f"{BASE}/{poll.pk}/results").json()["questions"][0]["rows"][0]["label"]
        == "Кедровый лог"
    )


def test_a_draft_is_not_found(client, world):
    from veche.polls.tests.factories import DraftPollFactory

    assert client.get(f"{BASE}/{DraftPollFactory().pk}").status_code == 404


def test_casting_is_rate_limited_and_a_refused_ballot_does_not_count(client, world, poll, settings):
    settings.RATE_LIMIT_POLL_BALLOT = "1/600"
    other = PollFactory(municipality=world.surgut)
    question = add_question(other)
    park, extras = _questions(poll)
    client.force_login(world.surgut_resident)
    bad = client.post(f"{BASE}/{poll.pk}/ballot", {"answers": []}, content_type="application/json")
    assert bad.status_code == 422  # refused: the slot is given back
    good = client.post(
        f"{BASE}/{poll.pk}/ballot",
        {
            "answers": [
                {"question_id": park.pk, "option_ids": [option(park, "Парк Победы").pk]},
                {"question_id": extras.pk, "option_ids": [option(extras, "Фонари").pk]},
            ]
        },
        content_type="application/json",
    )
    assert good.status_code == 201
    limited = client.post(
        f"{BASE}/{other.pk}/ballot",
        {"answers": [{"question_id": question.pk, "option_ids": [option(question, "Да").pk]}]},
        content_type="application/json",
    )
    assert limited.status_code == 429
    assert Ballot.objects.filter(poll=other).count() == 0
