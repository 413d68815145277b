"""Demo of the registries: NGOs of Yugra's municipalities (most approved, some verified, one
waiting for the moderator), a dozen activists from the demo residents, the demo projects tied
to NGOs and activists, partner links and news. Idempotent: NGOs are found by name, profiles by
their resident, links and news by their text."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from veche.territory.models import Municipality

from .models import Activist, Link, News, Organization, Project, Review
from .services.registry import entry_stems, link_add, news_publish

NGOS = [
    (
        "Добровольцы Сургута",
        "volunteer",
        "volunteering",
        "Сургут",
        "Помогаем пожилым людям, собираем гуманитарную помощь, проводим субботники.",
    ),
    (
        "Экодозор Югры",
        "so_nko",
        "environment",
        "Ханты-Мансийск",
        "Чистим берега Иртыша и Оби, считаем птиц, учим сортировать отходы.",
    ),
    (
        "Память поколений",
        "so_nko",
        "memory",
        "Урай",
        "Собираем истории ветеранов и первооткрывателей нефти, ведём школьный музей.",
    ),
    (
        "Спорт для всех",
        "so_nko",
        "sport",
        "Нефтеюганск",
        "Бесплатные тренировки для детей и взрослых, лыжня и каток во дворах.",
    ),
    (
        "ТОС «Северный»",
        "tos",
        "local",
        "Нижневартовск",
        "Благоустраиваем дворы микрорайона и проводим праздники для соседей.",
    ),
    (
        "Наследие обских угров",
        "so_nko",
        "native",
        "Белоярский район",
        "Мастер-классы по хантыйскому орнаменту и родному языку.",
    ),
    (
        "Лапа помощи",
        "volunteer",
        "animals",
        "Нягань",
        "Приют для бездомных животных, стерилизация и поиск хозяев.",
    ),
    (
        "Молодёжный центр «Импульс»",
        "group",
        "youth",
        "Когалым",
        "Молодёжные проекты, робототехника и медиашкола.",
    ),
]
ABOUT = [
    ("sport", "Тренирую детскую хоккейную команду во дворе."),
    ("environment", "Провожу субботники и считаю птиц на Самаровском чугасе."),
    ("memory", "Восстанавливаю историю своего посёлка по архивам."),
    ("volunteering", "Помогаю пожилым соседям с покупками и лекарствами."),
    ("culture", "Собираю книги для сельских библиотек."),
    ("youth", "Веду кружок робототехники для школьников."),
]


def seed() -> None:
    users = get_user_model().objects.filter(is_active=True)
    residents = list(
        users.filter(email__startswith="resident", email__endswith="@demo.veche").order_by("pk")[
            :12
        ]
    )
    municipalities = {m.name: m for m in Municipality.objects.all()}
    if not residents or not municipalities:
        return
    fallback = next(iter(municipalities.values()))
    activists = []
    for n, user in enumerate(residents):
        direction, about = ABOUT[n % len(ABOUT)]
        activist = Activist.objects.filter(user=user).first()
        if activist is None:
            activist = Activist(
                user=user,
                name=f"{user.first_name} {user.last_name}".strip() or user.public_name,
                about=about,
                direction=direction,
                municipality=getattr(getattr(user, "settlement", None), "municipality", None)
                or fallback,
                status=Review.PENDING if n == len(residents) - 1 else Review.APPROVED,
            )
            activist.search_stems = entry_stems(activist)
            activist.save()
        activists.append(activist)
    public = [a for a in activists if a.status == Review.APPROVED]
    organizations = []
    for n, (name, kind, direction, place, description) in enumerate(NGOS):
        organization, created = Organization.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "direction": direction,
                "municipality": municipalities.get(place, fallback),
                "description": description,
                "status": Review.PENDING if n == len(NGOS) - 1 else Review.APPROVED,
                "leader": public[n % len(public)] if n % 3 != 2 and public else None,
                "registered_by": public[n % len(public)].user if public else None,
                "contacts_public": n % 2 == 0,
                "phone": f"+7 3467 {30 + n:02d}-{10 + n:02d}-{20 + n:02d}",
                "evidence": "выписка из ЕГРЮЛ" if n % 2 == 0 else "",
            },
        )
        if created:
            if n % 2 == 0 and organization.status == Review.APPROVED:
                from django.utils import timezone

                organization.verified_at = timezone.now()
            organization.search_stems = entry_stems(organization)
            organization.save()
            for member in public[n % 3 :: 3]:
                organization.memberships.get_or_create(activist=member)
            organization.member_count = organization.memberships.count()
            organization.save(update_fields=["member_count"])
        organizations.append(organization)
    moderator = users.filter(email="moderator@demo.veche").first()
    approved = [o for o in organizations if o.status == Review.APPROVED]
    for n, project in enumerate(Project.objects.order_by("pk")[:8]):
        if project.organization_id or project.activist_id or not approved:
            continue
        project.organization = approved[n % len(approved)]
        project.activist = public[n % len(public)] if public else None
        project.municipality = project.municipality or project.organization.municipality
        project.direction = project.direction or project.organization.direction
        project.search_stems = entry_stems(project)
        project.save()
    if moderator is None or not moderator.has_perm("community.moderate_registry"):
        return
    if not Link.objects.exists():
        pairs = list(zip(approved, approved[1:], strict=False)) + list(
            zip(approved, public, strict=False)
        )
        for first, second in pairs:
            try:
                link_add(actor=moderator, first=first, second=second, note="совместные акции")
            except ValidationError:
                continue
    for organization in approved[:4]:
        title = f"{organization.name}: итоги месяца"
        if not News.objects.filter(title=title).exists():
            news_publish(
                author=moderator,
                owner=organization,
                title=title,
                body="Провели три акции, к нам присоединились новые добровольцы. Спасибо всем!",
            )
