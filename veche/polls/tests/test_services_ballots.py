"""`ballot_cast`: one ballot per person (also concurrently, also across web and paper), all or
nothing, errors naming the question, conditional questions required only when shown, and
counters that always equal the ballot rows."""

from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.polls import selectors
from veche.polls.models import (
    Answer,
    Ballot,
    BallotGroupCount,
    Eligibility,
    GroupCount,
    MunicipalityCount,
    OptionCount,
    Poll,
    QuestionKind,
    TextStatus,
)
from veche.polls.services import Demographics, Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question, option
from veche.testing.concurrency import at_once
from veche.voting.tests.factories import VotingPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(world):
    return park_poll(world)


def park_poll(world):
    """A Surgut poll of three questions: a park (single), extras (at most 2), a scale."""
    poll = PollFactory(municipality=world.surgut, asks_demographics=True)
    add_question(
        poll,
        text="Какой парк благоустроить?",
        options=("Кедровый лог", "Парк Победы", "Сквер Нефтяников"),
    )
    add_question(
        poll,
        QuestionKind.MULTIPLE,
        text="Что добавить?",
        options=("Скамейки", "Фонари", "Площадку", "Туалет"),
        max_choices=2,
    )
    add_question(
        poll,
        QuestionKind.SCALE,
        text="Насколько вы довольны парками?",
        scale_max=5,
        is_required=False,
    )
    return poll


def _questions(poll):
    return list(poll.questions.order_by("position"))


def ballot_for(poll, park="Кедровый лог", extras=("Скамейки",), scale=None):
    single, multiple, scale_q = _questions(poll)
    answers = {
        single.pk: Response(options=[option(single, park).pk]),
        multiple.pk: Response(options=[option(multiple, e).pk for e in extras]),
    }
    if scale is not None:
        answers[scale_q.pk] = Response(options=[option(scale_q, str(scale)).pk])
    return answers


def snapshot(poll):
    return (
        Ballot.objects.count(),
        Answer.objects.count(),
        list(OptionCount.objects.order_by("pk").values_list("count", "points")),
        MunicipalityCount.objects.count(),
        GroupCount.objects.count(),
        list(BallotGroupCount.objects.values_list("count", flat=True)),
        Poll.objects.get(pk=poll.pk).ballot_count,
        Event.objects.filter(kind="polls.ballot_cast").count(),
    )


def test_a_ballot_counts_every_answer_and_matches_the_rows(world, poll):
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers=ballot_for(poll, scale=4),
        demographics=Demographics(age_group="30-44", sex="f"),
    )
    assert ballot.municipality_id == world.surgut.pk
    assert ballot.settlement_kind == "city"  # from the profile's settlement
    assert Answer.objects.filter(ballot=ballot).count() == 3
    results = selectors.results(poll)
    assert [(r.label, r.count) for r in results[0].rows] == [
        ("Кедровый лог", 1),
        ("Парк Победы", 0),
        ("Сквер Нефтяников", 0),
    ]
    assert results[0].rows[0].share == 1.0
    assert selectors.counter_mismatches(poll) == []
    assert Event.objects.filter(kind="polls.ballot_cast").count() == 1


def test_a_second_ballot_is_refused_and_nothing_changes(world, poll):
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    before = snapshot(poll)
    with pytest.raises(ValidationError) as refused:
        ballot_cast(
            voter=world.surgut_resident, poll=poll, answers=ballot_for(poll, park="Парк Победы")
        )
    assert "already voted" in str(refused.value) or "уже голосовали" in str(refused.value)
    assert snapshot(poll) == before


def test_a_paper_ballot_after_a_web_one_is_refused(world, poll):
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    before = snapshot(poll)
    with pytest.raises(ValidationError):
        ballot_cast(
            voter=world.surgut_resident,
            poll=poll,
            answers=ballot_for(poll),
            channel="paper",
            voting_point=VotingPointFactory(municipality=world.surgut).pk,
            actor=world.moderator,
        )
    assert snapshot(poll) == before


def test_a_paper_ballot_is_counted_with_its_channel_and_audited(world, poll):
    from veche.staff.models import StaffAuditLog

    point = VotingPointFactory(municipality=world.surgut)
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers=ballot_for(poll),
        channel="paper",
        voting_point=point.pk,
        actor=world.moderator,
    )
    assert (ballot.channel, ballot.voting_point, ballot.entered_by) == (
        "paper",
        point,
        world.moderator,
    )
    assert selectors.channel_counts(Poll.objects.get(pk=poll.pk)) == {"web": 0, "paper": 1}
    assert StaffAuditLog.objects.filter(action="polls.ballot_enter").count() == 1


def test_a_missing_required_answer_names_the_question_and_saves_nothing(world, poll):
    answers = ballot_for(poll)
    del answers[_questions(poll)[0].pk]
    before = snapshot(poll)
    with pytest.raises(ValidationError) as refused:
        ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    errors = refused.value.message_dict
    assert list(errors) == [f"question_{_questions(poll)[0].pk}"]
    assert "Какой парк благоустроить?" in errors[f"question_{_questions(poll)[0].pk}"][0]
    assert snapshot(poll) == before


def test_more_than_n_choices_saves_nothing(world, poll):
    before = snapshot(poll)
    with pytest.raises(ValidationError) as refused:
        ballot_cast(
            voter=world.surgut_resident,
            poll=poll,
            answers=ballot_for(poll, extras=("Скамейки", "Фонари", "Площадку")),
        )
    assert "2" in refused.value.message_dict[f"question_{_questions(poll)[1].pk}"][0]
    assert snapshot(poll) == before


def test_an_option_of_another_question_is_refused(world, poll):
    single, multiple, _scale = _questions(poll)
    answers = ballot_for(poll)
    answers[single.pk] = Response(options=[option(multiple, "Фонари").pk])
    with pytest.raises(ValidationError):
        ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    assert not Ballot.objects.exists()


def test_the_errors_speak_the_readers_language(world, poll):
    from django.utils import translation

    answers = ballot_for(poll)
    del answers[_questions(poll)[0].pk]
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        ballot_cast(voter=world.surgut_resident, poll=poll, answers=answers)
    assert "Ответьте на вопрос «Какой парк благоустроить?»" in str(refused.value)


def test_a_conditional_question_is_required_only_when_shown(world):
    poll = PollFactory(municipality=world.surgut)
    first = add_question(poll, text="Вы бываете в парке?", options=("Да", "Нет"))
    follow = add_question(
        poll,
        text="Как часто?",
        options=("Каждый день", "Раз в неделю"),
        shown_if=option(first, "Да"),
    )
    # Not shown ("Нет"): not required, and an answer sent anyway is dropped.
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={
            first.pk: Response(options=[option(first, "Нет").pk]),
            follow.pk: Response(options=[option(follow, "Каждый день").pk]),
        },
    )
    assert list(ballot.answers.values_list("question_id", flat=True)) == [first.pk]
    # Shown ("Да"): required.
    with pytest.raises(ValidationError) as refused:
        ballot_cast(
            voter=world.urai_resident,
            poll=poll,
            answers={first.pk: Response(options=[option(first, "Да").pk])},
        )
    assert list(refused.value.message_dict) == [f"question_{follow.pk}"]
    assert selectors.counter_mismatches(poll) == []


def test_ineligible_voters_are_refused_with_nothing_written(world):
    urai_only = PollFactory(municipality=world.urai, eligibility=Eligibility.RESIDENTS)
    question = add_question(urai_only)
    answers = {question.pk: Response(options=[option(question, "Да").pk])}
    with pytest.raises(PermissionDenied):
        ballot_cast(voter=world.surgut_resident, poll=urai_only, answers=answers)
    verified_only = PollFactory(municipality=world.surgut, eligibility=Eligibility.VERIFIED)
    question2 = add_question(verified_only)
    with pytest.raises(PermissionDenied):
        ballot_cast(
            voter=world.surgut_resident,
            poll=verified_only,
            answers={question2.pk: Response(options=[option(question2, "Да").pk])},
        )
    assert not Ballot.objects.exists()
    ballot_cast(voter=world.urai_resident, poll=urai_only, answers=answers)
    ballot_cast(
        voter=world.verified,
        poll=verified_only,
        answers={question2.pk: Response(options=[option(question2, "Да").pk])},
    )
    assert Ballot.objects.count() == 2


def test_free_text_and_other_go_to_moderation_and_are_bounded(world):
    poll = PollFactory(municipality=world.surgut)
    choice = add_question(
        poll, text="Куда поехать?", options=("Ханты-Мансийск", "Нягань"), allows_other=True
    )
    words = add_question(poll, QuestionKind.TEXT, text="Ваши предложения")
    other = choice.options.get(is_other=True)
    with pytest.raises(ValidationError) as refused:
        ballot_cast(
            voter=world.surgut_resident,
            poll=poll,
            answers={
                choice.pk: Response(options=[other.pk]),
                words.pk: Response(text="Больше автобусов"),
            },
        )
    assert f"question_{choice.pk}" in refused.value.message_dict  # «other» needs its words
    with pytest.raises(ValidationError):
        ballot_cast(
            voter=world.surgut_resident,
            poll=poll,
            answers={
                choice.pk: Response(options=[other.pk], text="Урай"),
                words.pk: Response(text="я" * 1001),
            },
        )
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={
            choice.pk: Response(options=[other.pk], text="Урай"),
            words.pk: Response(text="Больше автобусов"),
        },
    )
    assert set(ballot.answers.values_list("text", "text_status")) == {
        ("Урай", TextStatus.PENDING),
        ("Больше автобусов", TextStatus.PENDING),
    }
    # Not shown anywhere public until approved.
    assert all(not r.texts for r in selectors.results(poll))


def test_a_ballot_keeps_words_to_several_questions(world):
    """The (ballot, option) unique index is whole (migration 0004): answers without an option
    (NULL) must never collide, on either database."""
    poll = PollFactory(municipality=world.surgut)
    first = add_question(poll, QuestionKind.TEXT, text="Что улучшить?")
    second = add_question(poll, QuestionKind.TEXT, text="Что сохранить?")
    ballot = ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={first.pk: Response(text="Дороги"), second.pk: Response(text="Парки")},
    )
    assert sorted(ballot.answers.values_list("text", flat=True)) == ["Дороги", "Парки"]
    assert ballot.answers.filter(option__isnull=True).count() == 2


def test_a_ranking_is_counted_by_borda(world):
    poll = PollFactory(municipality=world.surgut)
    ranking = add_question(poll, QuestionKind.RANKING, text="Расставьте", options=("А", "Б", "В"))
    a, b, c = (option(ranking, t).pk for t in "АБВ")
    ballot_cast(
        voter=world.surgut_resident, poll=poll, answers={ranking.pk: Response(options=[a, b, c])}
    )
    ballot_cast(
        voter=world.urai_resident, poll=poll, answers={ranking.pk: Response(options=[b, a, c])}
    )
    ballot_cast(voter=world.verified, poll=poll, answers={ranking.pk: Response(options=[b, c, a])})
    rows = selectors.results(poll)[0].rows
    assert [(r.label, r.points) for r in rows] == [("Б", 5), ("А", 3), ("В", 1)]
    with pytest.raises(ValidationError):  # every option its own place
        ballot_cast(voter=UserFactory(), poll=poll, answers={ranking.pk: Response(options=[a, b])})
    assert selectors.counter_mismatches(poll) == []


def test_counts_equal_the_rows_after_every_operation(world, poll):
    voters = [
        world.surgut_resident,
        world.urai_resident,
        world.verified,
        *UserFactory.create_batch(5),
    ]
    parks = ["Кедровый лог", "Парк Победы", "Сквер Нефтяников"]
    for i, voter in enumerate(voters):
        try:
            ballot_cast(
                voter=voter,
                poll=poll,
                answers=ballot_for(
                    poll, park=parks[i % 3], extras=("Фонари", "Туалет")[: i % 3], scale=(i % 5) + 1
                ),
                demographics=Demographics(age_group=["18-29", "30-44"][i % 2], sex="mf"[i % 2]),
            )
        except ValidationError:
            pass  # i % 3 == 0 chooses no extra, which the required question refuses
        assert selectors.counter_mismatches(poll) == []
    by_place = selectors.breakdown(poll, "municipality")
    assert sum(c.ballots for c in by_place.columns) == Poll.objects.get(pk=poll.pk).ballot_count
    by_age = selectors.breakdown(poll, "age")
    assert {c.key for c in by_age.columns} == {"18-29", "30-44"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_of_one_person_count_once():
    from veche.polls.tests.conftest import _world

    world = _world()
    poll = PollFactory(municipality=world.surgut)
    question = add_question(poll)
    yes = option(question, "Да").pk
    people = [world.surgut_resident, world.urai_resident]
    attempts = [person for person in people for _ in range(4)]

    def vote(person):
        answers = {question.pk: Response(options=[yes])}
        ballot_cast(voter=person, poll=Poll.objects.get(pk=poll.pk), answers=answers)
        return person.pk

    outcome = at_once([partial(vote, p) for p in attempts], refusals=(ValidationError,))
    assert outcome.errors == []
    assert sorted(outcome.done) == sorted(p.pk for p in people)
    refusals = [getattr(error, "code", error) for error in outcome.refused]
    assert refusals == ["already_voted"] * (len(attempts) - len(people))
    assert Ballot.objects.filter(poll=poll).count() == 2
    assert OptionCount.objects.get(option_id=yes).count == 2
    assert selectors.counter_mismatches(poll) == []
