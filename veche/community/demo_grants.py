"""Demo of the individuals' grants contest (docs/community.md, "Demo"): a regional contest of
Yugra taking applications now, its public stage in virtual capital for three more weeks, eight
residents' projects in eight of the 18 directions (applied through `grant_apply`, so the age and
residence checks run) and the verified demo residents' capital behind them. Idempotent: the
contest is found by its title; an existing one is left alone."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.budgeting import stages as kinds
from veche.budgeting.demo import _contest as build_contest
from veche.territory.models import Settlement

from .models import GrantContest
from .services import capital_give, grant_apply

TITLE = "Гранты активным жителям Югры — 2027"
ORGANIZER = "admin@demo.veche"
SPEC = {
    "title": TITLE,
    "municipality": None,
    "budget": Decimal("12000000"),
    "subsidy_cap": Decimal("500000"),
    "shares": {},
    "quota": None,
    "applicants": {"accepts_groups": False, "accepts_individuals": True},
    "stages": [
        (kinds.APPLICATIONS, -20, 15),
        (kinds.TECHNICAL_REVIEW, 22, 30),
        (kinds.EXPERT_EVALUATION, 30, 45),
        (kinds.RESULTS, 45, 55),
    ],
}
PUBLIC_DAYS = 21
# (title, direction, description, age)
APPLICATIONS = [
    (
        "Школьный музей нефтяников Мегиона",
        "memory",
        "Оцифруем 300 фотографий и записей ветеранов и откроем экспозицию для школьников.",
        16,
    ),
    (
        "Кинопоказы под открытым небом в Нягани",
        "culture",
        "Шесть летних вечеров семейного кино в парке, с обсуждением после показа.",
        27,
    ),
    (
        "Приют «Верный друг»: тёплые вольеры",
        "animals",
        "Утеплим восемь вольеров к зиме и проведём два дня открытых дверей.",
        41,
    ),
    (
        "Северная скандинавская ходьба для старшего поколения",
        "health",
        "Тренер, палки и маршрут вдоль Иртыша: занятия три раза в неделю.",
        58,
    ),
    (
        "Чистые берега Оби",
        "environment",
        "Три субботника с лодками и вывоз мусора с островов ниже Сургута.",
        19,
    ),
    (
        "Хантыйский язык для детей: настольная игра",
        "native",
        "Игра из 120 карточек со словами и звучащими QR-кодами для сельских школ.",
        33,
    ),
    (
        "Дворовый футбол в Лангепасе",
        "sport",
        "Турнир для подростков на дворовых площадках: форма, мячи, судьи.",
        15,
    ),
    (
        "Школа волонтёра-наставника",
        "volunteering",
        "Восемь занятий для тех, кто хочет вести новичков в волонтёрских акциях.",
        24,
    ),
]


def seed() -> None:
    if GrantContest.objects.filter(contest__title=TITLE).exists():
        return
    users = get_user_model().objects.filter(is_active=True)
    organizer = users.filter(email=ORGANIZER).first()
    if organizer is None:
        return  # the staff demo is not loaded
    today = timezone.localdate()
    grant_contest = GrantContest.objects.create(
        contest=build_contest({**SPEC, "organizer": ORGANIZER}, organizer),
        min_age=14,
        public_until=today + timedelta(days=PUBLIC_DAYS),
        goal=2000,
    )
    # Read again: the contest built above keeps its stages as they were before they were moved.
    grant_contest = GrantContest.objects.select_related("contest").get(pk=grant_contest.pk)
    residents = list(
        users.filter(email__startswith="resident", email__endswith=".demo@demo.veche").order_by(
            "-pk"
        )[: len(APPLICATIONS)]
    )
    # Only residents of the region apply: a demo resident who named no settlement gets one.
    settlements = list(Settlement.objects.order_by("pk")[: len(APPLICATIONS)])
    projects = []
    for n, (resident, (title, direction, description, age)) in enumerate(
        zip(residents, APPLICATIONS, strict=False)
    ):
        if resident.settlement_id is None and settlements:
            resident.settlement = settlements[n % len(settlements)]
            resident.save(update_fields=["settlement"])
        entry = grant_apply(
            user=resident,
            grant_contest=grant_contest,
            date_of_birth=date(today.year - age - 1, 6, 15),
            title=title,
            direction=direction,
            description=description,
        )
        projects.append(entry.project)
    _back(projects, users.filter(verified_at__isnull=False).order_by("pk")[:12])


def _back(projects, backers) -> None:
    """The verified demo residents give what their capital allows, more to the first projects."""
    for n, project in enumerate(projects):
        for m, user in enumerate(backers):
            if (n + m) % (n + 2):
                continue
            try:
                capital_give(user=user, project=project, amount=(100, 50, 200)[(n + m) % 3])
            except (ValidationError, PermissionDenied):
                continue  # his own project, or his capital spent
