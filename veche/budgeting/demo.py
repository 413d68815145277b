"""Demo contests (docs/demo.md): seed 002's initiative budgeting scaled down — a regional contest
of Yugra taking applications now (municipalities apply, three each), Surgut's people's budget in
its public voting, and Urai's contest announced for next month.

Everything goes through the services (terms, stages, publication), so the demo shows what an
organizer's builder makes. The services refuse to publish a contest whose first stage has begun,
so a contest is built with future dates and published, and only then are its stages moved to
where the demo needs them (a past the services would not write). Idempotent: a contest is found
by its title; one that exists is left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.territory.models import Municipality

from . import services
from . import stages as kinds
from .demo_applications import DIRECTIONS
from .models import Contest, ContestStage, Evidence, FieldKind
from .services import CriterionIn, FieldIn

DAY = timedelta(days=1)

FIELDS = [
    FieldIn(FieldKind.TEXT, "Название проекта", required=True, max_length=200),
    FieldIn(
        FieldKind.LONG_TEXT,
        "Описание проблемы и решения",
        "Что не так сейчас, что предлагаете сделать и кому станет лучше.",
        required=True,
        max_length=5000,
    ),
    FieldIn(FieldKind.SINGLE_CHOICE, "Направление", required=True, choices=DIRECTIONS),
    FieldIn(FieldKind.LOCATION, "Место реализации", "Отметьте точку на карте.", required=True),
    FieldIn(
        FieldKind.MONEY,
        "Стоимость проекта, ₽",
        "По смете, с учётом всех источников.",
        required=True,
        min_value=Decimal(100000),
    ),
    FieldIn(FieldKind.NUMBER, "Число благополучателей", required=True, min_value=Decimal(1)),
    FieldIn(FieldKind.DATE, "Срок реализации", "Дата, к которой проект будет завершён."),
    FieldIn(
        FieldKind.FILE,
        "Протокол собрания жителей",
        required=True,
        file_types=("pdf",),
        max_file_mb=10,
        evidence=Evidence.MINUTES,
    ),
    FieldIn(
        FieldKind.FILE,
        "Подписные листы",
        file_types=("pdf", "jpeg", "png"),
        evidence=Evidence.SIGNATURES,
    ),
    FieldIn(
        FieldKind.FILE,
        "Согласия на обработку персональных данных",
        required=True,
        file_types=("pdf",),
        evidence=Evidence.CONSENTS,
    ),
]
CHECKLIST = [
    "Протокол собрания подписан не менее чем 10 жителями",
    "Смета соответствует описанию проекта",
    "Объект находится в муниципальной собственности",
    "Согласия на обработку персональных данных приложены",
]
CRITERIA = [
    CriterionIn("Социальная значимость проекта", Decimal(10), Decimal(2)),
    CriterionIn("Реалистичность сметы и сроков", Decimal(10)),
    CriterionIn(
        "Доля софинансирования жителей",
        Decimal(5),
        source="application",
        formula="residents_share",
    ),
    CriterionIn(
        "Число благополучателей",
        Decimal(5),
        source="application",
        formula="field_relative",
        field_key="field-6",
    ),
    CriterionIn("Голоса жителей", Decimal(10), source="vote", formula="votes_relative"),
]

RULES = (
    "<p>Жители сами предлагают, на что потратить часть бюджета: двор, детская или спортивная "
    "площадка, сквер, освещение улицы, ремонт дома культуры. Инициативная группа обсуждает идею на "
    "собрании, собирает подписи и подаёт заявку по форме конкурса.</p>"
    "<h2>Софинансирование</h2><ul><li>не менее 5 % — средства жителей;</li>"
    "<li>не менее 10 % — средства муниципального образования;</li>"
    "<li>средства организаций и трудовое участие — по желанию, в зачёт доли жителей "
    "не идут.</li></ul>"
    "<h2>Отбор</h2><p>Заявки проходят техническую экспертизу, затем жители голосуют, а конкурсная "
    "комиссия оценивает проекты по критериям и подписывает оценочный лист.</p>"
)

CONTESTS = [
    {
        "title": "Инициативное бюджетирование Югры — 2027",
        "municipality": None,
        "organizer": "admin@demo.veche",
        "budget": Decimal("200000000"),
        "subsidy_cap": Decimal("5000000"),
        "shares": {"residents": Decimal(3), "municipality": Decimal(10), "region": Decimal(70)},
        "quota": 3,
        "applicants": {"accepts_groups": False, "accepts_municipalities": True},
        # (kind, start, end) in days from today
        "stages": [
            (kinds.APPLICATIONS, -10, 20),
            (kinds.TECHNICAL_REVIEW, 20, 40),
            (kinds.EXPERT_EVALUATION, 40, 55),
            (kinds.PUBLIC_VOTING, 55, 70),
            (kinds.RESULTS, 70, 80),
            (kinds.IMPLEMENTATION, 80, 365),
        ],
    },
    {
        "title": "Народный бюджет Сургута — 2026",
        "municipality": "Сургут",
        "organizer": "municipal-admin@demo.veche",
        "budget": Decimal("30000000"),
        "subsidy_cap": Decimal("3000000"),
        "shares": {"residents": Decimal(5), "municipality": Decimal(15)},
        "quota": None,
        "applicants": {"accepts_groups": True},
        "stages": [
            (kinds.APPLICATIONS, -75, -45),
            (kinds.TECHNICAL_REVIEW, -45, -15),
            (kinds.PUBLIC_VOTING, -5, 10),
            (kinds.EXPERT_EVALUATION, 10, 20),
            (kinds.RESULTS, 20, 30),
            (kinds.IMPLEMENTATION, 30, 300),
        ],
    },
    {
        "title": "Твой бюджет — Урай 2027",
        "municipality": "Урай",
        "organizer": "municipal-admin-urai@demo.veche",
        "budget": Decimal("8000000"),
        "subsidy_cap": None,
        "shares": {"residents": Decimal(5)},
        "quota": None,
        "applicants": {"accepts_groups": True, "accepts_individuals": True},
        "stages": [
            (kinds.APPLICATIONS, 25, 55),
            (kinds.TECHNICAL_REVIEW, 55, 75),
            (kinds.PUBLIC_JURY, 75, 85),
            (kinds.PUBLIC_VOTING, 85, 100),
            (kinds.RESULTS, 100, 110),
        ],
    },
]


def seed() -> None:
    from . import demo_applications
    from .events import notices_off

    for spec in CONTESTS:
        if Contest.objects.filter(title=spec["title"]).exists():
            continue
        organizer = User.objects.filter(email=spec["organizer"]).first()
        if organizer is None:
            continue  # the staff demo is not loaded: nothing to organize with
        _contest(spec, organizer)
    with notices_off():
        demo_applications.seed({c.title: c for c in Contest.objects.all()})


def _contest(spec: dict, organizer: User) -> Contest:
    municipality = (
        Municipality.objects.filter(name=spec["municipality"]).first()
        if spec["municipality"]
        else None
    )
    terms = services.Terms(
        title=spec["title"],
        rules=RULES,
        municipality=municipality,
        budget=spec["budget"],
        subsidy_cap=spec["subsidy_cap"],
        min_shares=spec["shares"],
        quota_per_municipality=spec["quota"],
        **{"accepts_groups": False, **spec["applicants"]},
    )
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    # Built and published with the calendar shifted into the future, as an organizer would …
    shift = max(0, -min(start for _, start, _ in spec["stages"])) + 1
    with transaction.atomic():
        contest = services.contest_create(user=organizer, terms=terms)
        services.contest_set_stages(
            user=organizer,
            contest=contest,
            stages=[
                services.StageIn(kind, now + (start + shift) * DAY, now + (end + shift) * DAY)
                for kind, start, end in spec["stages"]
            ],
        )
        for field in FIELDS:
            services.field_add(user=organizer, contest=contest, spec=field)
        for criterion in CRITERIA:
            services.criterion_add(user=organizer, contest=contest, spec=criterion)
        for point in CHECKLIST:
            services.checklist_add(user=organizer, contest=contest, text=point)
        services.contest_publish(user=organizer, contest=contest)
        # … then its stages put where the demo needs them (a past no service writes).
        for kind, start, end in spec["stages"]:
            ContestStage.objects.filter(contest=contest, kind=kind).update(
                starts_at=now + start * DAY, ends_at=now + end * DAY
            )
    return contest
