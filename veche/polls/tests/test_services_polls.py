"""The organizer's services: moments in order, only his territory, questions frozen after the
first ballot, publishing, results published once — each with one event."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.events.models import Event
from veche.polls import services
from veche.polls.models import (
    Option,
    OptionCount,
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    ResultsVisibility,
)
from veche.polls.services import PollIn, QuestionIn, Response
from veche.polls.tests.factories import DraftPollFactory, PollFactory, add_question, option

pytestmark = pytest.mark.django_db


def _data(world, **changes) -> PollIn:
    now = timezone.now()
    fields = {
        "title": "Мы выбираем спорт!",
        "description": "Какие секции открыть в городе.",
        "municipality": world.surgut,
        "opens_at": now + datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=15),
    }
    return PollIn(**{**fields, **changes})


def test_the_organizer_creates_a_draft_with_one_event(world):
    poll = services.poll_create(user=world.mayor_office, data=_data(world))
    assert poll.status == PollStatus.DRAFT and poll.organizer == world.mayor_office
    assert list(Event.objects.values_list("kind", flat=True)) == ["polls.created"]


def test_moments_out_of_order_are_named_and_nothing_is_saved(world):
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.poll_create(
            user=world.mayor_office,
            data=_data(world, opens_at=now, closes_at=now - datetime.timedelta(hours=1)),
        )
    assert "closes_at" in refused.value.message_dict
    with pytest.raises(ValidationError) as missing:
        services.poll_create(user=world.mayor_office, data=_data(world, opens_at=None, title=" "))
    assert {"opens_at", "title"} <= set(missing.value.message_dict)
    assert not Poll.objects.exists()


def test_the_database_keeps_the_moments_in_order(world):
    from django.db import IntegrityError, transaction

    poll = PollFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(closes_at=poll.opens_at)


@pytest.mark.parametrize(
    ("who", "territory", "allowed"),
    [
        ("mayor_office", "surgut", True),
        ("urai_mayor_office", "surgut", False),
        ("mayor_office", None, False),
        ("regional_admin", None, True),
        ("surgut_resident", "surgut", False),
    ],
)
def test_only_the_territorys_organizers_create_polls(world, who, territory, allowed):
    data = _data(world, municipality=getattr(world, territory) if territory else None)
    if allowed:
        services.poll_create(user=getattr(world, who), data=data)
    else:
        with pytest.raises(PermissionDenied):
            services.poll_create(user=getattr(world, who), data=data)
    assert Poll.objects.count() == int(allowed)


def test_questions_are_added_with_their_options_and_counters(world):
    poll = DraftPollFactory(municipality=world.surgut, organizer=world.mayor_office)
    question = services.question_add(
        user=world.mayor_office,
        poll=poll,
        data=QuestionIn(
            text="Какую секцию открыть?",
            kind=QuestionKind.SINGLE,
            options=["Бокс", "Плавание", "", "Хоккей"],
            allows_other=True,
        ),
    )
    assert list(question.options.values_list("text", "is_other")) == [
        ("Бокс", False),
        ("Плавание", False),
        ("Хоккей", False),
        ("Other (your answer)", True),
    ]
    assert OptionCount.objects.filter(question=question).count() == 4
    scale = services.question_add(
        user=world.mayor_office,
        poll=poll,
        data=QuestionIn(text="Оцените", kind=QuestionKind.SCALE, scale_max=5),
    )
    assert list(scale.options.values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    # Editing keeps an option whose text stays (its image, its id).
    boxing = option(question, "Бокс").pk
    services.question_update(
        user=world.mayor_office,
        question=question,
        data=QuestionIn(
            text="Какую секцию открыть?", kind=QuestionKind.SINGLE, options=["Бокс", "Самбо"]
        ),
    )
    assert list(question.options.values_list("pk", "text")) == [
        (boxing, "Бокс"),
        (option(question, "Самбо").pk, "Самбо"),
    ]


def test_a_question_depends_only_on_an_earlier_choice(world):
    poll = DraftPollFactory(municipality=world.surgut)
    first = add_question(poll)
    later = add_question(poll, text="Потом")
    with pytest.raises(ValidationError) as refused:
        services.question_update(
            user=world.mayor_office,
            question=first,
            data=QuestionIn(
                text="Первый",
                kind=QuestionKind.SINGLE,
                options=["Да", "Нет"],
                shown_if=option(later, "Да"),
            ),
        )
    assert "shown_if" in refused.value.message_dict


def test_a_poll_with_ballots_keeps_its_questions(world):
    poll = PollFactory(municipality=world.surgut)
    question = add_question(poll)
    services.ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Да").pk])},
    )
    before = list(Option.objects.values_list("pk", "text"))
    data = QuestionIn(text="Иначе", kind=QuestionKind.SINGLE, options=["А", "Б"])
    for call in (
        lambda: services.question_add(user=world.mayor_office, poll=poll, data=data),
        lambda: services.question_update(user=world.mayor_office, question=question, data=data),
        lambda: services.question_delete(user=world.mayor_office, question=question),
    ):
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.code == "has_ballots"
    assert list(Option.objects.values_list("pk", "text")) == before
    assert Question.objects.get().text == question.text
    with pytest.raises(ValidationError) as frozen:
        services.poll_update(
            user=world.regional_admin,
            poll=poll,
            data=_data(
                world, municipality=world.urai, opens_at=poll.opens_at, closes_at=poll.closes_at
            ),
        )
    assert "municipality" in frozen.value.message_dict


def test_publishing_needs_questions_with_options(world):
    poll = DraftPollFactory(municipality=world.surgut)
    with pytest.raises(ValidationError):
        services.poll_publish(user=world.mayor_office, poll=poll)
    add_question(poll)
    published = services.poll_publish(user=world.mayor_office, poll=poll)
    assert published.status == PollStatus.PUBLISHED and published.published_at
    assert Event.objects.filter(kind="polls.published").count() == 1


def test_results_are_published_once_and_voters_are_told(world):
    from veche.notifications.models import Notification

    poll = PollFactory(
        municipality=world.surgut, results_visibility=ResultsVisibility.ON_PUBLICATION
    )
    question = add_question(poll)
    services.ballot_cast(
        voter=world.surgut_resident,
        poll=poll,
        answers={question.pk: Response(options=[option(question, "Да").pk])},
    )
    assert not world.surgut_resident.has_perm("polls.view_results", poll)
    services.poll_results_publish(user=world.mayor_office, poll=poll)
    poll.refresh_from_db()
    assert world.surgut_resident.has_perm("polls.view_results", poll)
    told = Notification.objects.filter(kind="polls.results")
    assert list(told.values_list("user_id", flat=True)) == [world.surgut_resident.pk]
    with pytest.raises(PermissionDenied):
        services.poll_results_publish(user=world.mayor_office, poll=poll)
