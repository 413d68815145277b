"""Demo of virtual capital: the two rules (500 on verification, a seasonal grant of 300 on
1 March), community projects of Yugra collecting, and verified demo residents backing them (a
dozen of the reports demo's residents are marked verified by phone for it). Three accounts
registered today back one project only, so the moderator's suspicious-capital page has a case,
and one of them is frozen pending a check.
Idempotent: rules and projects are found by their label and title; gifts are made once."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from .models import CapitalFreeze, CapitalRule, Gift, Project
from .services import capital_freeze, capital_give, capital_issue

NEWCOMERS = [("Кирилл", "Новиков"), ("Алина", "Зайцева"), ("Тимур", "Галиев")]
NEWCOMER_EMAIL = "newcomer{n}.capital.demo@demo.veche"

PROJECTS = [
    (
        "Скворечники и кормушки для парка «За Саймой»",
        3000,
        45,
        "Сделаем с детьми из клуба «Юный натуралист» 60 скворечников и кормушек "
        "и развесим их в парке.",
    ),
    (
        "Лыжня для всех в Лянторе",
        5000,
        60,
        "Подготовим и будем поддерживать всю зиму трёхкилометровую лыжню вокруг озера.",
    ),
    (
        "Книжный шкаф в подъезде",
        800,
        20,
        "Общий шкаф для обмена книгами в доме на улице Ленина, 12 в Урае.",
    ),
    (
        "Мастер-классы по хантыйскому орнаменту",
        2000,
        30,
        "Шесть занятий для школьников в доме культуры с мастерицей из Казыма.",
    ),
]


def seed() -> None:
    today = timezone.localdate()
    CapitalRule.objects.get_or_create(
        label="За подтверждение личности", defaults={"kind": "verification", "amount": 500}
    )
    CapitalRule.objects.get_or_create(
        label="Весенний грант жителям",
        defaults={"kind": "seasonal", "amount": 300, "grant_on": date(today.year, 3, 1)},
    )
    users = get_user_model().objects.filter(is_active=True)
    # A dozen of the reports demo's residents confirmed their phone, so there are backers.
    residents = users.filter(email__startswith="resident", email__endswith=".demo@demo.veche")
    chosen = list(residents.order_by("pk").values_list("pk", flat=True)[:12])
    users.filter(pk__in=chosen, verified_at__isnull=True).update(
        verified_at=timezone.now(), verification_method="phone"
    )
    capital_issue()
    verified = list(users.filter(verified_at__isnull=False).order_by("pk")[:12])
    owner = users.filter(email="resident@demo.veche").first() or (verified or [None])[0]
    if owner is None:
        return
    for title, goal, days, description in PROJECTS:
        project, created = Project.objects.get_or_create(
            title=title,
            defaults={
                "goal": goal,
                "deadline": today + timedelta(days=days),
                "description": description,
                "owner": owner,
            },
        )
        if not created or Gift.objects.filter(project=project).exists():
            continue
        for n, user in enumerate(verified):
            try:
                capital_give(user=user, project=project, amount=(50, 100, 200, 500)[n % 4])
            except (ValidationError, PermissionDenied):
                continue  # his own project, or his capital is spent
    _suspicious(Project.objects.get(title=PROJECTS[1][0]))


def _suspicious(project: Project) -> None:
    """Three accounts registered today, verified, that give only to `project`; the moderator
    freezes the first one's capital. Once: skipped when the first newcomer exists."""
    users = get_user_model().objects
    if users.filter(email=NEWCOMER_EMAIL.format(n=1)).exists():
        return
    now, unusable = timezone.now(), make_password(None)
    newcomers = [
        users.create(
            email=NEWCOMER_EMAIL.format(n=n),
            first_name=first,
            last_name=last,
            password=unusable,
            email_confirmed_at=now,
            verified_at=now,
            verification_method="phone",
        )
        for n, (first, last) in enumerate(NEWCOMERS, start=1)
    ]
    capital_issue()
    for user in newcomers:
        capital_give(user=user, project=project, amount=200)
    moderator = users.filter(email="moderator@demo.veche").first()
    if moderator is not None and not CapitalFreeze.objects.filter(user=newcomers[0]).exists():
        capital_freeze(
            moderator=moderator,
            user=newcomers[0],
            reason="Зарегистрирован сегодня и поддержал только один проект; ждём проверки",
        )
