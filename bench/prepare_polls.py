"""Polls for the benchmark (issue 10): open polls of 5 questions the bench residents vote in
through the API (every kind of question with demographics, and plain ones of five single-choice
questions), and closed polls whose results page and export are measured — one with 150,000
ballots, one with 150 (the same questions: its results page must ask as many queries). Called by
bench/prepare.py after Django is set up.

The polls and their questions are made through the organizer's services (as the editor would);
the closed polls' ballots are data generation: inserted in bulk (COPY on PostgreSQL, executemany
on SQLite) with their answers, and every counter table filled from the same loop, so the counts
equal the rows (`selectors.counter_mismatches` is asked once after filling). The ballots are
anonymous (voter NULL, as after an account's deletion: no 150,000 accounts) and spread over the
22 municipalities (and «not known»), the age groups, sexes and settlement kinds.

It tops up: polls that exist are kept. Each run takes back the ballots on the open polls and
zeroes their counters, so "cast a ballot (API)" measures first ballots, never repeats (409).
"""

import random
import time
from collections import Counter
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.polls import selectors, services
from veche.polls.events import notices_off
from veche.polls.models import (
    AgeGroup,
    Answer,
    Ballot,
    BallotGroupCount,
    Dimension,
    GroupCount,
    MunicipalityCount,
    OptionCount,
    Poll,
    Question,
    QuestionKind,
    ResultsVisibility,
    Sex,
    TextStatus,
)
from veche.polls.services import PollIn, QuestionIn
from veche.polls.services.ballots import MUNICIPALITY
from veche.territory.models import Municipality, Settlement

ORGANIZER = "admin@demo.veche"
OPEN_TITLE = "Бенчмарк: открытый опрос № {n}"
PLAIN_TITLE = "Бенчмарк: простой опрос № {n}"
CLOSED_TITLE = "Бенчмарк: итоги, {count} бюллетеней"
BIG, SMALL = 150_000, 150
BATCH = 20_000

QUESTIONS = [
    QuestionIn(
        text="Каким транспортом вы чаще всего ездите по городу?",
        kind=QuestionKind.SINGLE,
        options=["Автобус", "Личный автомобиль", "Такси", "Пешком"],
        allows_other=True,
    ),
    QuestionIn(
        text="Что улучшить в первую очередь? (не больше двух)",
        kind=QuestionKind.MULTIPLE,
        options=["Дороги", "Освещение", "Остановки", "Тротуары", "Парковки"],
        max_choices=2,
    ),
    QuestionIn(
        text="Как вы оцениваете работу общественного транспорта?",
        kind=QuestionKind.SCALE,
        scale_max=5,
        scale_min_label="Очень плохо",
        scale_max_label="Отлично",
    ),
    QuestionIn(
        text="Расставьте проекты по важности",
        kind=QuestionKind.RANKING,
        options=["Новая школа", "Поликлиника", "Спорткомплекс", "Парк"],
    ),
    QuestionIn(
        text="Что ещё вы хотели бы предложить?",
        kind=QuestionKind.TEXT,
        is_required=False,
    ),
]
# Issue 10's ballot as its target names it, «six rows and their counters»: five single-choice
# questions, no demographics block — a ballot row and five answers.
PLAIN_QUESTIONS = [
    QuestionIn(text=text, kind=QuestionKind.SINGLE, options=options)
    for text, options in [
        ("Где открыть новый каток?", ["В центре", "У школы № 3", "В парке", "На набережной"]),
        ("Когда удобнее вывозить мусор?", ["Утром", "Днём", "Вечером", "Ночью"]),
        ("Какой автобусный маршрут продлить?", ["№ 1", "№ 5", "№ 12", "№ 22"]),
        ("Какую площадь благоустроить?", ["Центральную", "Вокзальную", "Театральную", "Речную"]),
        ("Как часто вы бываете в библиотеке?", ["Каждую неделю", "Раз в месяц", "Реже", "Никогда"]),
    ]
]
TEXTS = [
    "Пустите автобус до нового микрорайона.",
    "Нужны светофоры у школы.",
    "Почистите тротуары зимой пораньше.",
    "Больше скамеек на остановках.",
]
OTHERS = ["Велосипед", "Самокат", "Снегоход"]


def organizer() -> User:
    return User.objects.get(email=ORGANIZER)


def _poll(title: str, *, closed: bool, plain: bool = False) -> Poll:
    """A published poll made by the services: the five QUESTIONS, asking demographics, or
    (`plain`) the five PLAIN_QUESTIONS without."""
    now, who = timezone.now(), organizer()
    with notices_off():
        poll = services.poll_create(
            user=who,
            data=PollIn(
                title=title,
                description="Опрос для нагрузочного теста.",
                opens_at=now - timedelta(hours=1),
                closes_at=now + timedelta(days=60),
                results_visibility=ResultsVisibility.AFTER_CLOSING,
                asks_demographics=not plain,
            ),
        )
        for data in PLAIN_QUESTIONS if plain else QUESTIONS:
            services.question_add(user=who, poll=poll, data=data)
        poll = services.poll_publish(user=who, poll=poll)
    if closed:  # made open, then its period moved back (as the demo does): 30 days, ended
        Poll.objects.filter(pk=poll.pk).update(
            opens_at=now - timedelta(days=31),
            closes_at=now - timedelta(days=1),
            published_at=now - timedelta(days=31),
        )
        poll.refresh_from_db()
    return poll


def open_polls(count: int, *, plain: bool = False) -> list[Poll]:
    """Top up the open bench polls (or the plain ones) to `count`; their ballots are taken back
    (reset_ballots)."""
    titles = [(PLAIN_TITLE if plain else OPEN_TITLE).format(n=n) for n in range(count)]
    have = set(Poll.objects.filter(title__in=titles).values_list("title", flat=True))
    for title in titles:
        if title not in have:
            _poll(title, closed=False, plain=plain)
    return list(Poll.objects.filter(title__in=titles).order_by("pk"))


def closed_poll(count: int) -> Poll:
    """The closed poll with `count` ballots, made and filled if missing (or left half-made)."""
    title = CLOSED_TITLE.format(count=f"{count:,}".replace(",", " "))
    poll = Poll.objects.filter(title=title).first()
    if poll is not None and poll.ballot_count == count:
        return poll
    started = time.perf_counter()
    with transaction.atomic():
        if poll is not None:
            poll.delete()
        poll = _poll(title, closed=True)
        rows = fill(poll, count, random.Random(count))
    seconds = time.perf_counter() - started
    problems = selectors.counter_mismatches(poll)
    print(
        f"prepared poll {poll.pk}: {count} ballots, {rows} answers and their counters in "
        f"{seconds:.1f} s ({connection.vendor}); "
        + ("counters agree with the rows" if not problems else f"MISMATCH: {problems[:3]}")
    )
    return poll


class Tally:
    """Every counter a ballot adds to, kept while the rows are generated."""

    def __init__(self):
        self.ballots = 0
        self.questions = Counter()
        self.options = Counter()
        self.points = Counter()
        self.places = Counter()  # (option, municipality key)
        self.groups = Counter()  # (option, dimension, value)
        self.participation = Counter()  # (dimension, value)


def fill(poll: Poll, count: int, rng: random.Random) -> int:
    """Insert `count` ballots with their answers and fill the counters; the answers' number."""
    questions = list(Question.objects.filter(poll=poll).prefetch_related("options"))
    places = [0, *Municipality.objects.order_by("pk").values_list("pk", flat=True)]
    weights = [1] + [rng.randint(2, 30) for _ in places[1:]]  # big and small municipalities
    kinds = [*Settlement.Kind.values, ""]
    start = poll.opens_at
    span = (poll.closes_at - poll.opens_at).total_seconds()
    adapt = connection.ops.adapt_datetimefield_value

    municipality_of = rng.choices(places, weights=weights, k=count)
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    ballots = [
        (poll.pk, adapt(moments[n]), "web", municipality_of[n] or None,
         rng.choice(AgeGroup.values), rng.choice([*Sex.values, ""]), rng.choice(kinds))
        for n in range(count)
    ]  # fmt: skip
    copy_rows(Ballot, ["poll_id", "cast_at", "channel", "municipality_id", "age_group", "sex",
                       "settlement_kind"], ballots)  # fmt: skip
    ids = list(Ballot.objects.filter(poll=poll).order_by("pk").values_list("pk", flat=True))

    tally, answers = Tally(), []
    written = 0
    for ballot_id, (_, cast_at, _, municipality_id, age, sex, kind) in zip(
        ids, ballots, strict=True
    ):
        groups = [(d, v) for d, v in ((Dimension.AGE, age), (Dimension.SEX, sex),
                                       (Dimension.SETTLEMENT, kind)) if v]  # fmt: skip
        key = municipality_id or 0
        tally.ballots += 1
        tally.participation[(MUNICIPALITY, str(key))] += 1
        tally.participation.update(groups)
        answered = set()
        for question, option_id, rank, text, points in answer_rows(questions, rng):
            status = ""
            if text:
                status = TextStatus.APPROVED if rng.random() < 0.6 else TextStatus.PENDING
            answers.append((ballot_id, question.pk, option_id, rank, text, status, cast_at))
            answered.add(question.pk)
            if option_id is not None:
                tally.options[option_id] += 1
                tally.points[option_id] += points
                tally.places[(option_id, key)] += 1
                for dimension, value in groups:
                    tally.groups[(option_id, dimension, value)] += 1
        tally.questions.update(answered)
        if len(answers) >= BATCH:
            written += copy_answers(answers)
            answers = []
    written += copy_answers(answers)
    write_counters(poll, questions, tally)
    return written


def answer_rows(questions: list[Question], rng: random.Random):
    """One ballot's answers: (question, option id, rank, words, Borda points) per row."""
    for question in questions:
        options = list(question.options.all())
        plain = [o for o in options if not o.is_other]
        if question.kind == QuestionKind.TEXT:
            if rng.random() < 0.1:
                yield question, None, None, rng.choice(TEXTS), 0
        elif question.kind == QuestionKind.RANKING:
            order = rng.sample(plain, len(plain))
            for rank, option in enumerate(order, start=1):
                yield question, option.pk, rank, "", len(order) - rank
        elif question.kind == QuestionKind.MULTIPLE:
            for option in rng.sample(plain, rng.randint(1, question.max_choices or 2)):
                yield question, option.pk, None, "", 0
        else:  # single and scale: weighted towards the first options, so results are not flat
            option = rng.choices(
                options, weights=[len(options) - i + 1 for i in range(len(options))]
            )[0]
            words = rng.choice(OTHERS) if option.is_other else ""
            yield question, option.pk, None, words, 0


def copy_answers(rows: list[tuple]) -> int:
    columns = ["ballot_id", "question_id", "option_id", "rank", "text", "text_status", "created_at"]
    copy_rows(Answer, columns, rows)
    return len(rows)


def copy_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows straight into the model's table: COPY on PostgreSQL, executemany on SQLite."""
    table = model._meta.db_table
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH]
                )


def write_counters(poll: Poll, questions: list[Question], tally: Tally) -> None:
    question_of = {o.pk: q.pk for q in questions for o in q.options.all()}
    tallies = list(OptionCount.objects.filter(question__poll=poll))
    for row in tallies:
        row.count, row.points = tally.options[row.option_id], tally.points[row.option_id]
    OptionCount.objects.bulk_update(tallies, ["count", "points"])
    for question in questions:
        question.answer_count = tally.questions[question.pk]
    Question.objects.bulk_update(questions, ["answer_count"])
    MunicipalityCount.objects.bulk_create(
        MunicipalityCount(option_id=o, question_id=question_of[o], municipality_key=k, count=n)
        for (o, k), n in tally.places.items()
    )
    GroupCount.objects.bulk_create(
        GroupCount(option_id=o, question_id=question_of[o], dimension=d, value=v, count=n)
        for (o, d, v), n in tally.groups.items()
    )
    BallotGroupCount.objects.bulk_create(
        BallotGroupCount(poll=poll, dimension=d, value=v, count=n)
        for (d, v), n in tally.participation.items()
    )
    Poll.objects.filter(pk=poll.pk).update(ballot_count=tally.ballots)
    poll.refresh_from_db()


def reset_ballots(polls: list[Poll]) -> None:
    """Take back every ballot on the open bench polls and zero their counters."""
    with transaction.atomic():
        Ballot.objects.filter(poll__in=polls).delete()
        OptionCount.objects.filter(question__poll__in=polls).update(count=0, points=0)
        MunicipalityCount.objects.filter(question__poll__in=polls).delete()
        GroupCount.objects.filter(question__poll__in=polls).delete()
        BallotGroupCount.objects.filter(poll__in=polls).delete()
        Question.objects.filter(poll__in=polls).update(answer_count=0)
        Poll.objects.filter(pk__in=[p.pk for p in polls]).update(
            ballot_count=0, paper_ballot_count=0
        )


def homes(voters: list[User]) -> None:
    """Give the voters without one a settlement, spread over the municipalities, so their
    ballots count by municipality (a ballot keeps the voter's municipality)."""
    settlements = list(Settlement.objects.order_by("municipality_id", "pk").distinct())
    first = {}
    for settlement in settlements:
        first.setdefault(settlement.municipality_id, settlement)
    places = list(first.values())
    homeless = [v for v in voters if v.settlement_id is None]
    for n, voter in enumerate(homeless):
        voter.settlement = places[n % len(places)]
    User.objects.bulk_update(homeless, ["settlement"])


def polls(open_count: int, voters: list[User]) -> tuple[list[Poll], list[Poll]]:
    """The open polls, full and plain (ballots taken back), and the closed ones (150 and 150,000
    ballots)."""
    homes(voters)
    opened = open_polls(open_count) + open_polls(open_count, plain=True)
    reset_ballots(opened)
    return opened, [closed_poll(SMALL), closed_poll(BIG)]
