"""Demo polls: six polls of Yugra in every period — open, upcoming, closed — with several hundred
demo voters' ballots cast through `ballot_cast`, so the counters, breakdowns by municipality and
demographic group, Borda counts and satisfaction figures look in use (docs/demo.md). No notices go
out (`notices_off`). A closed poll is created open, voted in, then its moments are moved back.

Idempotent: a poll's natural key is its title; a poll that exists is skipped. The voters are
`voter<n>.polls.demo@demo.veche` (no password), living across the region's settlements.
Organizers: `admin@demo.veche` (region-wide polls) and the municipal admins of Surgut and Urai
(staff's demo personas)."""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.territory.models import Municipality, Settlement

from . import services
from .events import notices_off
from .models import (
    AgeGroup,
    Answer,
    Ballot,
    Eligibility,
    Measure,
    Poll,
    QuestionKind,
    ResultsVisibility,
    Sex,
    TextStatus,
)
from .services import Demographics, PollIn, QuestionIn, Response

VOTERS = 360
VOTER_EMAIL = "voter{n:03d}.polls.demo@demo.veche"


@dataclass
class DemoPoll:
    title: str
    description: str
    organizer: str  # the persona's e-mail
    municipality: str | None  # a municipality's name; None: the whole region
    days: tuple[int, int]  # opens, closes, in days from now (negative: past)
    questions: list[QuestionIn]
    eligibility: str = Eligibility.REGISTERED
    visibility: str = ResultsVisibility.LIVE
    demographics: bool = False
    satisfaction: bool = False
    turnout: float = 0.5
    publish_results: bool = False
    positive: dict[int, list[str]] = field(default_factory=dict)  # question index → option texts
    depends: dict[int, tuple[int, str]] = field(
        default_factory=dict
    )  # question → (earlier, option)


def _q(text, kind=QuestionKind.SINGLE, options=(), **fields) -> QuestionIn:
    return QuestionIn(text=text, kind=kind, options=list(options), **fields)


POLLS = [
    DemoPoll(
        "Мы выбираем спорт!",
        "Какие спортивные секции и площадки открыть в округе в 2027 году. Итоги голосования "
        "учтут в программе «Спорт — норма жизни».",
        "admin@demo.veche",
        None,
        (-20, 12),
        [
            _q(
                "Какой вид спорта развивать в первую очередь?",
                options=["Хоккей", "Лыжные гонки", "Плавание", "Футбол", "Бокс"],
                allows_other=True,
            ),
            _q(
                "Какие площадки нужны в вашем районе?",
                QuestionKind.MULTIPLE,
                [
                    "Воркаут-площадка",
                    "Хоккейная коробка",
                    "Лыжероллерная трасса",
                    "Скейт-парк",
                    "Футбольное поле",
                ],
                max_choices=2,
            ),
            _q(
                "Как часто вы занимаетесь спортом?",
                options=["Каждый день", "Несколько раз в неделю", "Реже", "Не занимаюсь"],
            ),
        ],
        demographics=True,
        turnout=0.8,
    ),
    DemoPoll(
        "Какой парк Сургута благоустроить в 2027 году?",
        "Голосование жителей Сургута по выбору общественной территории для благоустройства "
        "по программе «Формирование комфортной городской среды».",
        "municipal-admin@demo.veche",
        "Сургут",
        (-10, 20),
        [
            _q(
                "Выберите общественную территорию",
                options=[
                    "Парк «Кедровый лог»",
                    "Сквер Нефтяников",
                    "Набережная Чёрной речки",
                    "Парк «За Саймой»",
                ],
            ),
            _q(
                "Что обязательно должно появиться на территории?",
                QuestionKind.MULTIPLE,
                [
                    "Освещение",
                    "Скамейки и урны",
                    "Детская площадка",
                    "Велодорожки",
                    "Общественный туалет",
                ],
                max_choices=3,
            ),
            _q("Ваши предложения по благоустройству", QuestionKind.TEXT, is_required=False),
        ],
        eligibility=Eligibility.RESIDENTS,
        turnout=0.9,
    ),
    DemoPoll(
        "Удовлетворённость деятельностью органов власти — 2026",
        "Ежегодный опрос жителей Югры об оценке деятельности органов местного самоуправления.",
        "admin@demo.veche",
        None,
        (-60, -15),
        [
            _q(
                "Оцените работу органов власти вашего муниципалитета",
                QuestionKind.SCALE,
                scale_max=5,
                scale_min_label="совсем не удовлетворён",
                scale_max_label="полностью удовлетворён",
                measures=Measure.SATISFACTION,
            ),
            _q(
                "Порекомендовали бы вы знакомым жить в вашем городе?",
                options=["Да", "Скорее да", "Скорее нет", "Нет"],
                measures=Measure.LOYALTY,
            ),
            _q(
                "Что стало лучше за последний год?",
                QuestionKind.MULTIPLE,
                ["Дороги", "Общественный транспорт", "Дворы и парки", "Медицина", "Ничего"],
            ),
        ],
        visibility=ResultsVisibility.AFTER_CLOSING,
        demographics=True,
        satisfaction=True,
        turnout=0.95,
        positive={0: ["4", "5"], 1: ["Да", "Скорее да"]},
    ),
    DemoPoll(
        "Название для новой набережной Урая",
        "Набережная реки Конды откроется летом 2027 года. Расставьте названия в порядке "
        "предпочтения: победит набравшее больше баллов по методу Борда.",
        "municipal-admin-urai@demo.veche",
        "Урай",
        (-40, -5),
        [
            _q(
                "Расставьте названия по порядку",
                QuestionKind.RANKING,
                ["Кондинская", "Первооткрывателей", "Шаимская", "Солнечная"],
            ),
        ],
        eligibility=Eligibility.RESIDENTS,
        visibility=ResultsVisibility.ON_PUBLICATION,
        publish_results=True,
        turnout=0.9,
    ),
    DemoPoll(
        "Что построить во дворах Нефтеюганска",
        "Опрос о дворовых территориях 2026 года.",
        "admin@demo.veche",
        "Нефтеюганск",
        (-30, -2),
        [
            _q("Есть ли у вас детская площадка во дворе?", options=["Есть", "Нет"]),
            _q(
                "Что нужно детям во дворе?",
                QuestionKind.MULTIPLE,
                ["Горка", "Качели", "Песочница", "Спортивный комплекс"],
                allows_other=True,
            ),
            _q(
                "Насколько вы довольны своим двором?",
                QuestionKind.SCALE,
                scale_max=10,
                scale_min_label="совсем нет",
                scale_max_label="полностью",
            ),
        ],
        visibility=ResultsVisibility.AFTER_CLOSING,
        depends={1: (0, "Нет")},
        turnout=0.6,
    ),
    DemoPoll(
        "Новые автобусные маршруты Ханты-Мансийска",
        "С 1 марта город пересматривает маршрутную сеть: скажите, куда вам нужно ездить.",
        "admin@demo.veche",
        "Ханты-Мансийск",
        (5, 25),
        [
            _q(
                "Какой маршрут нужен больше всего?",
                options=["Центр — Учхоз", "Центр — аэропорт", "Гидронамыв — Самарово"],
            ),
        ],
    ),
]


def seed() -> int:
    """Make the polls that do not exist yet; return how many."""
    organizers = {u.email: u for u in User.objects.filter(email__endswith="@demo.veche")}
    settlements = list(Settlement.objects.select_related("municipality").order_by("pk"))
    if not settlements or "admin@demo.veche" not in organizers:
        return 0
    voters = _voters(settlements)
    places = {m.name: m for m in Municipality.objects.all()}
    existing = set(Poll.objects.values_list("title", flat=True))
    made = 0
    rng = random.Random(2026)
    with notices_off():
        for demo in POLLS:
            if demo.title in existing or (demo.municipality and demo.municipality not in places):
                continue
            organizer = organizers.get(demo.organizer) or organizers["admin@demo.veche"]
            _poll(demo, organizer, places.get(demo.municipality), voters, rng)
            # The regional admin decides the voters' words (he may moderate every territory).
            _moderate(Poll.objects.get(title=demo.title), organizers["admin@demo.veche"], rng)
            made += 1
    return made


def _voters(settlements: list[Settlement]) -> list[User]:
    """The demo voters (made once, in bulk: they have no password and never log in)."""
    emails = [VOTER_EMAIL.format(n=n) for n in range(1, VOTERS + 1)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    rng = random.Random(7)
    first = ["Анна", "Олег", "Мария", "Иван", "Елена", "Сергей", "Дарья", "Павел", "Ирина", "Артём"]
    last = [
        "Иванова",
        "Петров",
        "Сидорова",
        "Кузнецов",
        "Смирнова",
        "Попов",
        "Васильева",
        "Соколов",
    ]
    now = timezone.now()
    unusable = make_password(None)
    weights = [s.population or 1_000 for s in settlements]
    User.objects.bulk_create(
        [
            User(
                email=email,
                first_name=rng.choice(first),
                last_name=rng.choice(last),
                settlement=_home(n, settlements, weights, rng),
                email_confirmed_at=now,
                personal_data_consent_at=now,
                password=unusable,
            )
            for n, email in enumerate(emails, start=1)
            if email not in have
        ]
    )
    return list(User.objects.filter(email__in=emails).select_related("settlement").order_by("pk"))


# The first voters live in Urai, so its residents-only poll has a turnout to show; the others
# live where the region's people do (by the settlements' population).
URAI_VOTERS = 30


def _home(n: int, settlements: list[Settlement], weights: list[int], rng) -> Settlement:
    urai = [s for s in settlements if s.municipality.name == "Урай"]
    if n <= URAI_VOTERS and urai:
        return rng.choice(urai)
    return rng.choices(settlements, weights=weights)[0]


def _poll(demo: DemoPoll, organizer, municipality, voters, rng) -> Poll:
    now = timezone.now()
    opens, closes = demo.days
    upcoming = opens > 0
    poll = services.poll_create(
        user=organizer,
        data=PollIn(
            title=demo.title,
            description=demo.description,
            municipality=municipality,
            opens_at=now + timedelta(days=opens if upcoming else -1),
            closes_at=now + timedelta(days=closes if upcoming else 30),
            eligibility=demo.eligibility,
            results_visibility=demo.visibility,
            asks_demographics=demo.demographics,
            is_satisfaction_survey=demo.satisfaction,
        ),
    )
    questions = []
    for index, data in enumerate(demo.questions):
        if index in demo.depends:
            earlier, text = demo.depends[index]
            data = QuestionIn(
                **{**data.__dict__, "shown_if": questions[earlier].options.get(text=text)}
            )
        question = services.question_add(user=organizer, poll=poll, data=data)
        for text in demo.positive.get(index, []):
            services.option_update(
                user=organizer, option=question.options.get(text=text), is_positive=True
            )
        questions.append(question)
    poll = services.poll_publish(user=organizer, poll=poll)
    if upcoming:
        return poll
    eligible = [v for v in voters if v.has_perm("polls.vote_in_poll", poll)]
    for voter in rng.sample(eligible, int(len(eligible) * demo.turnout)):
        _vote(poll, questions, voter, rng)
    _move_back(poll, now + timedelta(days=opens), now + timedelta(days=closes), rng)
    if demo.publish_results:
        services.poll_results_publish(user=organizer, poll=Poll.objects.get(pk=poll.pk))
    return poll


def _vote(poll: Poll, questions, voter, rng) -> None:
    answers, chosen = {}, set()
    for question in questions:
        if question.shown_if_id and question.shown_if_id not in chosen:
            continue
        options = list(question.options.all())
        plain = [o for o in options if not o.is_other]
        if question.kind == QuestionKind.TEXT:
            if rng.random() < 0.3:
                answers[question.pk] = Response(text=rng.choice(TEXTS))
            continue
        if question.kind == QuestionKind.RANKING:
            order = plain[:]
            rng.shuffle(order)
            answers[question.pk] = Response(options=[o.pk for o in order])
            continue
        if question.kind == QuestionKind.MULTIPLE:
            picked = rng.sample(options, rng.randint(1, question.max_choices or 2))
        elif question.kind == QuestionKind.SCALE:
            # Most people are neither delighted nor furious: the middle points weigh most.
            middle = (len(options) + 1) / 2
            weights = [len(options) - abs(o.value - middle) for o in options]
            picked = rng.choices(options, weights=weights)
        else:
            # Weighted towards the first options, so the results are not flat.
            weights = [len(options) - i + 1 for i in range(len(options))]
            picked = rng.choices(options, weights=weights)
        text = ""
        if any(o.is_other for o in picked):
            text = rng.choice(OTHERS)
        answers[question.pk] = Response(options=[o.pk for o in picked], text=text)
        chosen.update(o.pk for o in picked)
    services.ballot_cast(
        voter=voter,
        poll=poll,
        answers=answers,
        demographics=Demographics(
            age_group=rng.choice(AgeGroup.values), sex=rng.choice(Sex.values)
        ),
    )


def _move_back(poll: Poll, opens_at, closes_at, rng) -> None:
    """Put the poll's period where the demo says and spread the ballots over it."""
    with transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(
            opens_at=opens_at, closes_at=closes_at, published_at=opens_at
        )
        end = min(closes_at, timezone.now())
        span = max((end - opens_at).total_seconds(), 60)
        for ballot_id in Ballot.objects.filter(poll=poll).values_list("pk", flat=True):
            moment = opens_at + timedelta(seconds=rng.uniform(0, span))
            Ballot.objects.filter(pk=ballot_id).update(cast_at=moment)
            Answer.objects.filter(ballot_id=ballot_id).update(created_at=moment)


def _moderate(poll: Poll, moderator, rng) -> None:
    """Approve most of the words, reject a few, leave some waiting for the queue."""
    for answer in Answer.objects.filter(ballot__poll=poll, text_status=TextStatus.PENDING):
        roll = rng.random()
        if roll < 0.6:
            services.answer_approve(user=moderator, answer=answer)
        elif roll < 0.7:
            services.answer_reject(user=moderator, answer=answer, reason="off-topic")


TEXTS = [
    "Больше освещения вдоль дорожек, вечером там темно.",
    "Нужна площадка для выгула собак подальше от детской.",
    "Поставьте навесы от дождя у скамеек.",
    "Сделайте зимой каток и прокат коньков.",
    "Сохраните деревья, не вырубайте кедры.",
]
OTHERS = ["Керлинг", "Шахматы", "Батут", "Скалодром", "Беговая дорожка"]
