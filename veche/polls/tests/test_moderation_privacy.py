"""Voters' words wait for a moderator of the poll's territory; a deleted account's ballots stay
counted without him."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.polls import queue, selectors
from veche.polls.models import Answer, Ballot, QuestionKind, TextStatus
from veche.polls.services import Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    poll = PollFactory(municipality=world.surgut)
    choice = add_question(
        poll, text="Где отдыхать?", options=("Парк", "Набережная"), allows_other=True
    )
    words = add_question(poll, QuestionKind.TEXT, text="Ваши предложения", is_required=False)
    ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={
            choice.pk: Response(options=[choice.options.get(is_other=True).pk], text="На даче"),
            words.pk: Response(text="Больше скамеек"),
        },
    )
    return poll


def test_the_queue_shows_words_to_the_territorys_moderators_only(world, answered):
    assert {item.excerpt for item in queue.pending(world.moderator)} == {
        "На даче",
        "Больше скамеек",
    }
    assert queue.pending(world.urai_moderator) == []
    assert queue.count(world.regional_admin) == 2
    # A ballot is secret: the queue does not name the voter.
    assert all(
        world.surgut_resident.first_name not in item.author
        for item in queue.pending(world.moderator)
    )


def test_approved_words_appear_in_the_results_and_rejected_ones_never(world, answered):
    other, words = Answer.objects.exclude(text="").order_by("pk")
    with pytest.raises(PermissionDenied):
        queue.approve(world.urai_moderator, words.pk)
    queue.approve(world.moderator, words.pk)
    queue.reject(world.moderator, other.pk, "off-topic", "")
    texts = [text for result in selectors.results(answered) for text in result.texts]
    assert texts == ["Больше скамеек"]
    assert Answer.objects.get(pk=other.pk).text_status == TextStatus.REJECTED
    assert selectors.counter_mismatches(answered) == []


def test_the_export_lists_my_ballots(world, answered):
    section = export_sections()["polls"](world.surgut_resident)
    assert section["ballots"][0]["poll"] == answered.pk
    assert {a["text"] for a in section["ballots"][0]["answers"]} == {"На даче", "Больше скамеек"}


def test_deletion_keeps_the_counts_and_drops_the_person(world, answered):
    before = [
        (r.question.pk, [(row.label, row.count) for row in r.rows])
        for r in selectors.results(answered)
    ]
    deletion_hooks()["polls"](world.surgut_resident)
    ballot = Ballot.objects.get()
    assert ballot.voter is None
    assert set(ballot.answers.exclude(text="").values_list("text", "text_status")) == {
        ("…", TextStatus.REJECTED)
    }
    after = [
        (r.question.pk, [(row.label, row.count) for row in r.rows])
        for r in selectors.results(answered)
    ]
    assert before == after
    assert selectors.counter_mismatches(answered) == []


def test_the_export_of_ballots_carries_no_personal_data(world, answered):
    rows = list(selectors.ballot_rows_for_export(answered))
    flat = " ".join(str(v) for row in rows for v in row.values())
    person = world.surgut_resident
    for personal in (person.email, person.first_name, person.last_name, person.phone):
        assert personal not in flat
    assert len({row["voter"] for row in rows}) == 1
    other = next(row for row in rows if row["question"] == "Где отдыхать?")
    assert other["option"] in ("Other (your answer)", "Другое (свой ответ)")
    assert other["text"] == "На даче"  # beside its option
    Answer.objects.filter(text="На даче").update(text_status=TextStatus.REJECTED)
    rejected = next(
        r for r in selectors.ballot_rows_for_export(answered) if r["question"] == "Где отдыхать?"
    )
    assert rejected["text"] == ""
