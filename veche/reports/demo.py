"""Demo catalogue: realistic spheres and topics (the most frequent ones of Perm's «Управляем
вместе», seed 003), listed rejection reasons, region-wide routing rules, and a few reports that
walk through the lifecycle. Idempotent: found by code, updated, never created twice."""

from django.db import transaction

from veche.agencies.models import Agency

from . import demo_photos
from .models import Category, RejectionReason, RoutingRule, Topic, TopicAttribute

WHERE = {
    "code": "where",
    "datatype": TopicAttribute.Datatype.SINGLE,
    "required": True,
    "description": "Где находится дефект?",
    "values": [
        {"key": "roadway", "name": "Проезжая часть"},
        {"key": "sidewalk", "name": "Тротуар"},
        {"key": "yard", "name": "Внутриквартальный проезд, двор"},
    ],
}

# (category slug, name, regional department keyword or None, [(service_code, topic, extra)])
CATALOGUE = [
    (
        "roads",
        "Дороги",
        None,
        [
            ("potholes", "Ямы, выбоины на дороге, тротуаре", {"attribute": WHERE}),
            ("road-quality", "Работы выполнены/выполняются с ненадлежащим качеством", {}),
            ("road-signs", "Дорожные знаки и разметка", {}),
            ("snow-roads", "Неубранный снег и наледь на дорогах", {"days": 5, "kind": "calendar"}),
            ("street-lights", "Не работает уличное освещение", {}),
        ],
    ),
    (
        "yards",
        "Дворы и благоустройство",
        None,
        [
            ("roadside-litter", "Мусор у обочин дорог, на тротуарах, газоне", {}),
            ("playgrounds", "Детские и спортивные площадки", {}),
            ("yard-snow", "Уборка снега во дворах", {"days": 5, "kind": "calendar"}),
            ("green-spaces", "Озеленение, аварийные деревья", {}),
        ],
    ),
    (
        "housing",
        "ЖКХ",
        "жилищно-коммунального",
        [
            ("heating", "Отопление и горячая вода", {"days": 5}),
            ("roof-leaks", "Протечки кровли", {}),
            ("waste-sites", "Контейнерные площадки, вывоз мусора", {}),
            ("capital-repair", "Капитальный ремонт многоквартирных домов", {}),
        ],
    ),
    (
        "transport",
        "Транспорт",
        "дорожного хозяйства",
        [
            ("bus-schedule", "Нарушение расписания общественного транспорта", {}),
            ("bus-stops", "Остановки общественного транспорта", {}),
        ],
    ),
    (
        "health",
        "Здравоохранение",
        "здравоохранения",
        [
            ("clinic-queue", "Запись к врачу, очереди в поликлинике", {}),
            ("medicines", "Лекарственное обеспечение", {}),
        ],
    ),
    (
        "education",
        "Образование",
        "образования",
        [
            ("kindergarten", "Очередь в детский сад", {}),
            ("school-buildings", "Состояние зданий школ и детских садов", {}),
        ],
    ),
    (
        "social",
        "Социальная защита",
        "социального развития",
        [
            ("accessibility", "Доступная среда для маломобильных граждан", {}),
            ("benefits", "Социальные выплаты и льготы", {}),
        ],
    ),
    (
        "ecology",
        "Экология",
        "природных ресурсов",
        [
            ("dumps", "Несанкционированные свалки", {"photos": True}),
            ("air", "Загрязнение воздуха и водоёмов", {}),
        ],
    ),
]

REJECTION_REASONS = [
    ("offensive", "Текст содержит ненормативную лексику или оскорбления"),
    ("not-authority", "Вопрос не относится к компетенции органов власти"),
    ("no-details", "Недостаточно сведений, чтобы понять проблему и место"),
    ("court", "Вопрос рассматривается в судебном порядке"),
    ("advertising", "Реклама или спам"),
    ("third-party-data", "Содержит персональные данные третьих лиц"),
]


@transaction.atomic
def seed() -> None:
    for order, (slug, name, department, topics) in enumerate(CATALOGUE):
        category, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order, "is_active": True}
        )
        agency = _department(department)
        for topic_order, (code, topic_name, extra) in enumerate(topics):
            topic = _topic(category, code, topic_name, topic_order, extra)
            if agency:
                RoutingRule.objects.update_or_create(
                    topic=topic, municipality=None, defaults={"agency": agency}
                )
    for order, (code, text) in enumerate(REJECTION_REASONS):
        RejectionReason.objects.update_or_create(
            code=code, defaults={"text": text, "order": order, "is_active": True}
        )


def _department(keyword: str | None) -> Agency | None:
    if not keyword:
        return None
    return Agency.objects.filter(
        kind=Agency.Kind.REGIONAL_DEPARTMENT, name__icontains=keyword
    ).first()


def _topic(category: Category, code: str, name: str, order: int, extra: dict) -> Topic:
    topic, _ = Topic.objects.update_or_create(
        service_code=code,
        defaults={
            "category": category,
            "name": name,
            "order": order,
            "deadline_days": extra.get("days", 10),
            "deadline_kind": extra.get("kind", Topic.DeadlineKind.WORKING),
            "photos_required": extra.get("photos", False),
            "keywords": name.lower(),
            "is_open": True,
        },
    )
    if attribute := extra.get("attribute"):
        TopicAttribute.objects.update_or_create(
            topic=topic,
            code=attribute["code"],
            defaults={k: v for k, v in attribute.items() if k != "code"},
        )
    return topic


# (topic code, text, address, offset in degrees from Surgut's centre, how far along it went)
DEMO_REPORTS = [
    (
        "potholes",
        "Глубокая яма на проезжей части, машины объезжают по встречной.",
        "пр. Ленина, 43",
        (0.004, 0.010),
        "closed",
    ),
    (
        "potholes",
        "Выбоины на тротуаре у остановки «Университет», люди спотыкаются.",
        "ул. Энергетиков, 22",
        (-0.006, 0.004),
        "answered",
    ),
    (
        "street-lights",
        "Третью неделю не горят фонари вдоль дорожки к школе № 12.",
        "ул. Республики, 71",
        (0.008, -0.012),
        "in_progress",
    ),
    (
        "roadside-litter",
        "После зимы вдоль обочины остался мусор и песок.",
        "Югорский тракт, 4",
        (-0.010, -0.008),
        "routed",
    ),
    (
        "playgrounds",
        "Сломаны качели на детской площадке во дворе.",
        "ул. 30 лет Победы, 19",
        (0.012, 0.002),
        "routed",
    ),
    (
        "waste-sites",
        "Контейнеры переполнены, мусор не вывозят с понедельника.",
        "ул. Мелик-Карамова, 60",
        (-0.003, 0.015),
        "submitted",
    ),
    (
        "yard-snow",
        "Двор не чистят, машины застревают у подъездов.",
        "ул. Григория Кукуевицкого, 10",
        (0.002, -0.005),
        "routed",
    ),
]


def seed_reports() -> int:
    """Reports by the demo residents walked through the lifecycle by the demo staff."""
    from veche.accounts.models import User
    from veche.territory.models import Municipality

    from .models import Channel, Report
    from .services import (
        report_answer,
        report_confirm,
        report_publish,
        report_submit,
        report_take_into_work,
    )

    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.veche")}
    surgut = Municipality.objects.filter(name="Сургут").first()
    needed = ("resident@demo.veche", "moderator@demo.veche", "official@demo.veche")
    if surgut is None or any(email not in people for email in needed):
        return 0
    resident, moderator = people["resident@demo.veche"], people["moderator@demo.veche"]
    official = people["official@demo.veche"]
    created = 0
    for number, (code, text, address, (dlat, dlon), stage) in enumerate(DEMO_REPORTS, 1):
        token = f"demo-{number}"
        if Report.objects.filter(author=resident, client_token=token).exists():
            continue
        topic = Topic.objects.get(service_code=code)
        report = report_submit(
            author=resident,
            topic=topic,
            text=text,
            address=address,
            channel=Channel.WEB,
            lat=surgut.centre_lat + dlat,
            lon=surgut.centre_lon + dlon,
            client_token=token,
            attributes={"where": "roadway"} if code == "potholes" else None,
            media=[demo_photos.upload_for(topic, token)],
        )
        created += 1
        if stage == "submitted":
            continue
        report = report_publish(moderator=moderator, report=report)
        if stage == "routed" or report.agency_id is None:
            continue
        report_take_into_work(official=official, report=report)
        if stage == "in_progress":
            continue
        report_answer(
            official=official,
            report=report,
            kind="resolved",
            text="Работы выполнены подрядной организацией, дефект устранён.",
        )
        if stage == "closed":
            report_confirm(author=resident, report=report, rating=5)
    return created


def seed_all() -> None:
    """The catalogue, the demo residents' reports, then a year of activity in every municipality
    (demo_activity.py; registered with veche.core.demo in apps.py)."""
    from .demo_activity import seed_activity

    seed()
    seed_reports()
    seed_activity()
