"""Factories for polls. `PollFactory()` is a published poll open now for any registered resident
in its municipality; `poll_with(questions…)` builds questions through the editing services'
shapes (options, their counters) so ballots count as in production."""

import datetime

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.polls.models import (
    Eligibility,
    Option,
    OptionCount,
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    ResultsVisibility,
)
from veche.territory.tests.factories import MunicipalityFactory


def _now():
    return timezone.now()


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    title = factory.Sequence(lambda n: f"Какой парк благоустроить в 2027 году? {n}")
    description = "Выберите парк, который благоустроят в первую очередь."
    organizer = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    opens_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=14))
    eligibility = Eligibility.REGISTERED
    results_visibility = ResultsVisibility.LIVE
    status = PollStatus.PUBLISHED
    published_at = factory.LazyFunction(_now)


class DraftPollFactory(PollFactory):
    status = PollStatus.DRAFT
    published_at = None


def add_question(
    poll: Poll, kind: str = QuestionKind.SINGLE, options=("Да", "Нет"), **fields
) -> Question:
    """A question with its options and their counters, as the editing service makes them."""
    position = poll.questions.count() + 1
    fields.setdefault("text", f"Вопрос {position}")
    if kind == QuestionKind.SCALE:
        fields.setdefault("scale_max", 5)
        options = [str(v) for v in range(1, fields["scale_max"] + 1)]
    if kind == QuestionKind.TEXT:
        options = ()
    question = Question.objects.create(poll=poll, kind=kind, position=position, **fields)
    rows = [
        Option(
            question=question,
            text=text,
            position=i,
            value=(i + 1) if kind == QuestionKind.SCALE else None,
        )
        for i, text in enumerate(options)
    ]
    if fields.get("allows_other"):
        rows.append(
            Option(question=question, text="Other (your answer)", position=len(rows), is_other=True)
        )
    for row in rows:
        row.save()
    OptionCount.objects.bulk_create([OptionCount(option=o, question=question) for o in rows])
    return question


def option(question: Question, text: str) -> Option:
    return question.options.get(text=text)
