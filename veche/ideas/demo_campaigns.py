"""Demo crowdsourcing campaigns (docs/demo.md), seed 000's campaign scaled down: one in Surgut
whose results are published (15 ideas, ratings, two experts' verdicts, three winners) and one for
the whole region in its discussion stage now (15 ideas from across Yugra, ratings coming in).

Everything goes through the services. They follow the calendar, so the demo walks each campaign
through its stages by moving the campaign's dates (stage by stage, the one it needs open now),
then gives it its real dates and moves the moments of its ideas, ratings and verdicts back into
the stages they belong to. No notices go out (`notices_off`). Idempotent: a campaign is found by
its theme; one that exists is left alone.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.comments.demo import demo_comments
from veche.reports.models import Category
from veche.staff.models import Role, RoleAssignment
from veche.territory.models import Municipality

from . import services
from .events import notices_off
from .models import STAGES, Campaign, ExpertVerdict, Idea, IdeaRating, IdeaTimelineEntry, Stage
from .models.campaign import end_field, start_field

TOKEN = "demo-campaign-{campaign}-{n}"
DAY = timedelta(days=1)

RIVERSIDE = {
    "key": "riverside",
    "title": "Какой быть набережной Сургута",
    "description": (
        "Администрация города собирает идеи для благоустройства набережной Оби: что построить, "
        "где отдыхать, как добраться. Жители обсуждают и оценивают идеи, эксперты — архитекторы "
        "и инженеры — отбирают реализуемые, а лучшие войдут в проект благоустройства 2027 года. "
        "Победители получат дипломы, а их идеи будут реализованы."
    ),
    "municipality": "Сургут",
    # Days from today: collecting, discussion, selection, results (start, end).
    "stages": [(-120, -90), (-90, -60), (-60, -40), (-10, 50)],
    "ideas": [
        (
            "yards",
            "Велодорожка вдоль всей набережной",
            "Велодорожка от моста до парка.",
        ),
        ("yards", "Амфитеатр у воды", "Ступени-амфитеатр для концертов и просто отдыха у реки."),
        ("transport", "Причал для речных трамвайчиков", "Летние рейсы по Оби от набережной."),
        ("yards", "Тёплые павильоны для зимы", "Павильоны с подогревом, чтобы гулять и зимой."),
        ("ecology", "Сад местных растений", "Клумбы и аллеи из растений, которые растут в Югре."),
        ("social", "Спуск к воде без ступеней", "Пандусы для колясок и маломобильных жителей."),
        ("education", "Тропа истории города", "Стенды об истории Сургута вдоль набережной."),
        ("yards", "Площадка для воркаута", "Турники и брусья с мягким покрытием."),
        ("yards", "Детский городок «Обь»", "Игровая площадка в виде корабля и пристани."),
        (
            "roads",
            "Освещённые пешеходные дорожки",
            "Фонари по всему пути, без тёмных мест.",
        ),
        ("health", "Пункт проката лыж и коньков", "Зимой — прокат, летом — велосипеды."),
        ("yards", "Смотровая площадка на обрыве", "Площадка с видом на реку и мост."),
        ("ecology", "Раздельный сбор мусора", "Урны для пластика, бумаги и остального."),
        ("yards", "Летняя сцена для фестивалей", "Сцена для городских праздников у воды."),
        ("transport", "Парковка у входа на набережную", "Небольшая парковка и стоянка такси."),
    ],
    "awards": [
        (
            "Диплом I степени и реализация в 2027 году",
            "Лучшая средняя оценка жителей и "
            "единогласный выбор экспертов: набережная станет доступной круглый год.",
        ),
        ("Диплом II степени", "Идею поддержали все эксперты: она проста и недорога."),
        ("Диплом III степени", "Высокая оценка жителей; войдёт в проект как отдельная очередь."),
    ],
}

WINTER = {
    "key": "winter",
    "title": "Зимняя Югра: чем заняться в городах округа зимой",
    "description": (
        "Зима в Югре длится полгода. Правительство округа собирает идеи, как сделать её "
        "интересной: катки, горки, фестивали, тёплые остановки. Идеи принимаются из всех "
        "муниципалитетов, жители оценивают их, эксперты отберут лучшие для окружной программы."
    ),
    "municipality": None,
    "stages": [(-30, -5), (-5, 10), (10, 20), (20, 35)],
    "ideas": [
        ("yards", "Ледовый городок на главной площади", "Фигуры изо льда и горки к Новому году."),
        ("transport", "Тёплые остановки", "Закрытые остановки с обогревом на главных улицах."),
        ("health", "Лыжня в черте города", "Освещённая лыжня с разметкой и прокатом."),
        ("education", "Фестиваль северных ремёсел", "Мастер-классы народов Севера на каникулах."),
        ("yards", "Каток в каждом микрорайоне", "Заливка дворовых катков силами управляющих."),
        ("social", "Зимние прогулки для пожилых", "Клуб скандинавской ходьбы с инструктором."),
        ("ecology", "Снежные скульптуры из чистого снега", "Конкурс скульптур между школами."),
        ("yards", "Горка-тюбинг у реки", "Безопасная трасса для ватрушек с подъёмником."),
        ("transport", "Зимний автобус к лыжной базе", "Рейсы по выходным от центра города."),
        ("education", "Школа зимнего выживания", "Занятия для детей: как не замёрзнуть в походе."),
        ("health", "Ночной забег «Полярная ночь»", "Массовый забег с фонарями в декабре."),
        ("yards", "Подогрев тротуаров у поликлиник", "Чтобы не было наледи у входа."),
        ("social", "Тёплые пункты для курьеров", "Где погреться тем, кто работает на улице."),
        ("education", "Северное сияние: фотоконкурс", "Лучшие снимки — на выставку в музее."),
        ("yards", "Новогодняя ярмарка", "Ярмарка местных производителей на площади."),
    ],
    "awards": [],
}


def seed(photo: Callable[[str, str], object]) -> int:
    """Seed the campaigns that do not exist yet; return how many ideas were made. `photo(label,
    seed)` draws a cover (the ideas demo's park scene)."""
    people = _people()
    if people is None:
        return 0
    made = 0
    with notices_off():
        for spec in (RIVERSIDE, WINTER):
            if Campaign.objects.filter(title=spec["title"]).exists():
                continue
            made += _campaign(spec, people, photo)
    return made


def _people() -> dict | None:
    emails = {
        "organizer": "municipal-admin@demo.veche",
        "regional": "admin@demo.veche",
        "expert": "expert@demo.veche",
    }
    found = {key: User.objects.filter(email=email).first() for key, email in emails.items()}
    residents = list(
        User.objects.filter(
            email__startswith="resident", email__endswith=".demo@demo.veche"
        ).order_by("pk")
    )
    categories = {c.slug: c for c in Category.objects.filter(is_active=True)}
    if None in found.values() or len(residents) < 20 or not categories:
        return None
    surgut = Municipality.objects.filter(name="Сургут").first()
    if surgut is None:
        return None
    found["second_expert"] = _expert("expert.surgut.demo@demo.veche", "Белова", "Ирина", surgut)
    found["region_expert"] = _expert("expert.region.demo@demo.veche", "Гусев", "Павел", None)
    return {**found, "residents": residents, "categories": categories, "surgut": surgut}


def _expert(email: str, last_name: str, first_name: str, municipality) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        now = timezone.now()
        user = User(
            email=email,
            last_name=last_name,
            first_name=first_name,
            personal_data_consent_at=now,
            email_confirmed_at=now,
        )
        user.set_unusable_password()
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=Role.EXPERT, municipality=municipality)
    return user


def _dates(stages: list[tuple[int, int]], now: datetime) -> dict[str, datetime]:
    dates = {}
    for stage, (start, end) in zip(STAGES, stages, strict=True):
        dates[start_field(stage)] = now + start * DAY
        dates[end_field(stage)] = now + end * DAY
    return dates


def _open(campaign: Campaign, stage: str) -> None:
    """Give the campaign dates, in order, with `stage` open now (the services follow them)."""
    now = timezone.now()
    index = STAGES.index(Stage(stage))
    stages = [((n - index) * 10 - 1, (n - index) * 10 + 9) for n in range(len(STAGES))]
    Campaign.objects.filter(pk=campaign.pk).update(**_dates(stages, now))
    campaign.refresh_from_db()


def _campaign(spec: dict, people: dict, photo) -> int:
    rng = random.Random(f"veche-campaign-{spec['key']}")
    now = timezone.now()
    municipality = people["surgut"] if spec["municipality"] else None
    organizer = people["organizer"] if municipality else people["regional"]
    experts = (
        [people["expert"], people["second_expert"]] if municipality else [people["region_expert"]]
    )
    places = [municipality] if municipality else list(Municipality.objects.order_by("pk"))
    with transaction.atomic():
        campaign = services.campaign_create(
            user=organizer,
            title=spec["title"],
            description=spec["description"],
            municipality=municipality,
            stages=_dates(spec["stages"], now),
            cover=photo(spec["title"], f"campaign-{spec['key']}"),
            is_published=True,
        )
        _open(campaign, Stage.COLLECTING)
        for expert in experts:
            services.campaign_expert_add(user=organizer, campaign=campaign, expert=expert)
        ideas = _file_ideas(spec, campaign, people, places, rng)
        _open(campaign, Stage.DISCUSSION)
        _rate(ideas, people["residents"], rng)
        if spec["awards"]:
            _open(campaign, Stage.SELECTION)
            _judge(ideas, experts, rng)
            _open(campaign, Stage.RESULTS)
            _publish(campaign, organizer, spec["awards"])
        Campaign.objects.filter(pk=campaign.pk).update(**_dates(spec["stages"], now))
        campaign.refresh_from_db()
        _backdate(campaign, ideas, rng)
    demo_comments("ideas.idea", ideas, people["residents"], per_item=3, seed=len(ideas))
    return len(ideas)


def _file_ideas(spec, campaign, people, places, rng) -> list[Idea]:
    residents, categories = people["residents"], people["categories"]
    publisher = people["regional"]
    ideas = []
    for n, (slug, title, text) in enumerate(spec["ideas"], start=1):
        idea = services.idea_submit(
            author=rng.choice(residents),
            title=title,
            text=text,
            category=categories.get(slug) or next(iter(categories.values())),
            municipality=places[(n - 1) % len(places)],
            client_token=TOKEN.format(campaign=spec["key"], n=n),
            campaign=campaign,
        )
        services.idea_publish(user=publisher, idea=idea)
        ideas.append(Idea.objects.select_related("campaign").get(pk=idea.pk))
    return ideas


def _rate(ideas: list[Idea], residents: list[User], rng) -> None:
    """Five ratings an idea on average (seed 000: 350 ratings of 70 ideas)."""
    for idea in ideas:
        others = [r for r in residents if r.pk != idea.author_id]
        liking = rng.uniform(2.5, 4.8)
        for rater in rng.sample(others, rng.randint(3, 8)):
            value = max(1, min(5, round(rng.gauss(liking, 0.8))))
            services.idea_rate(user=rater, idea=idea, value=value)


def _judge(ideas: list[Idea], experts: list[User], rng) -> None:
    ranked = _by_rating(ideas)
    for expert in experts:
        for place, idea in enumerate(ranked):
            selected = place < 4 or rng.random() < 0.15
            comment = (
                "Реализуемо в рамках проекта благоустройства, бюджет оценён."
                if selected
                else "Интересно, но выходит за рамки проекта набережной."
            )
            services.idea_judge(user=expert, idea=idea, selected=selected, comment=comment)


def _by_rating(ideas: list[Idea]) -> list[Idea]:
    averages = {}
    for idea in ideas:
        values = list(idea.ratings.values_list("value", flat=True))
        averages[idea.pk] = sum(values) / len(values) if values else 0
    return sorted(ideas, key=lambda idea: (-averages[idea.pk], idea.pk))


def _publish(campaign: Campaign, organizer: User, awards: list[tuple[str, str]]) -> None:
    winners = _by_rating(list(campaign.ideas.all()))[: len(awards)]
    services.campaign_publish_results(
        user=organizer,
        campaign=campaign,
        awards=[
            services.AwardIn(idea=idea, award=award, reason=reason)
            for idea, (award, reason) in zip(winners, awards, strict=True)
        ],
    )


def _backdate(campaign: Campaign, ideas: list[Idea], rng) -> None:
    """Move the moments into the stages they belong to: filed and published while collecting,
    rated during the discussion, judged during the selection, results early in the last stage."""

    def within(stage: str) -> datetime:
        start, end = campaign.dates(stage)
        end = min(end, timezone.now())
        return start + (end - start) * rng.uniform(0.05, 0.95)

    for idea in ideas:
        filed = within(Stage.COLLECTING)
        published = min(filed + timedelta(hours=rng.uniform(2, 30)), campaign.collecting_end)
        Idea.objects.filter(pk=idea.pk).update(
            created_at=filed, published_at=published, updated_at=published
        )
        entries = IdeaTimelineEntry.objects.filter(idea=idea).order_by("pk")
        for entry, moment in zip(entries, (filed, published), strict=False):
            IdeaTimelineEntry.objects.filter(pk=entry.pk).update(created_at=moment)
        for rating in idea.ratings.all():
            moment = within(Stage.DISCUSSION)
            IdeaRating.objects.filter(pk=rating.pk).update(created_at=moment, updated_at=moment)
        for verdict in idea.verdicts.all():
            moment = within(Stage.SELECTION)
            ExpertVerdict.objects.filter(pk=verdict.pk).update(created_at=moment, updated_at=moment)
    if campaign.results_published_at is not None:
        Campaign.objects.filter(pk=campaign.pk).update(
            results_published_at=campaign.results_start + timedelta(days=2)
        )
