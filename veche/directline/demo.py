"""Demo of the direct line (idempotent: lines found by their titles): the governor's line of
22 May 2017 in the seed's numbers — 791 questions, 702 of them through the portal, every one
answered, the line closed — and the head of Surgut's line open for questions now, with
published questions, supports and a few awaiting moderation."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.territory.models import Municipality

from .models import Campaign, Channel, Question, QuestionStatus, QuestionSupport

GOVERNOR = "Прямая линия с губернатором Югры, 22 мая 2017 года"
SURGUT = "Прямая линия с главой Сургута"

TOPICS = [
    ("Когда отремонтируют дорогу на улице {street}?", "Ремонт включён в план на {year} год."),
    ("Почему на улице {street} не горят фонари?", "Освещение восстановлено, подрядчик оштрафован."),
    (
        "Будет ли построен детский сад в районе улицы {street}?",
        "Сад на 280 мест откроется в {year} году.",
    ),
    ("Когда снесут аварийный дом на улице {street}?", "Жильцов расселят до конца {year} года."),
    (
        "Почему во дворе на улице {street} нет детской площадки?",
        "Площадку установят по программе «Формирование комфортной городской среды».",
    ),
    (
        "Как попасть к врачу-онкологу без очереди в три недели?",
        "Запись к онкологу сокращена до 7 дней, открыт второй кабинет.",
    ),
    (
        "Когда пустят дополнительный автобус до дачных участков?",
        "Маршрут № 28 продлён до садоводческих товариществ с июня.",
    ),
    (
        "Как получить землю многодетной семье?",
        "Участки многодетным семьям выделяются в порядке очереди; срок — до {year} года.",
    ),
    ("Почему выросла плата за вывоз мусора?", "Тариф пересчитан, жителям сделан перерасчёт."),
    (
        "Когда проведут газ в посёлок?",
        "Газопровод построят в {year} году по региональной программе.",
    ),
]
STREETS = ["Ленина", "Мира", "Энергетиков", "Гагарина", "Набережная", "Югорская", "Нефтяников"]
CHANNELS = (
    [Channel.PORTAL] * 650 + [Channel.VIDEO] * 52 + [Channel.PHONE] * 61 + [Channel.LETTER] * 28
)


def _residents() -> list[User]:
    return list(User.objects.filter(email__endswith="@demo.veche").order_by("pk")[:40])


def _text(rng: random.Random, n: int) -> tuple[str, str]:
    question, answer = TOPICS[n % len(TOPICS)]
    street = rng.choice(STREETS)
    year = rng.choice([2017, 2018, 2019])
    return question.format(street=street, year=year), answer.format(year=year)


@transaction.atomic
def seed() -> None:
    rng = random.Random(2017)
    zone = ZoneInfo(settings.TIME_ZONE)
    residents = _residents()
    if not Campaign.objects.filter(title=GOVERNOR).exists():
        line = Campaign.objects.create(
            title=GOVERNOR,
            description="Губернатор ответил на вопросы жителей в прямом эфире окружного "
            "телевидения.",
            event_at=datetime(2017, 5, 22, 12, 0, tzinfo=zone),
            recording_url="https://video.example.ru/pryamaya-liniya-2017",
            closed_at=datetime(2017, 6, 30, 18, 0, tzinfo=zone),
        )
        answered_at = datetime(2017, 6, 20, 12, 0, tzinfo=zone)
        rows = []
        for n, channel in enumerate(CHANNELS):
            question, answer = _text(rng, n)
            portal = channel in (Channel.PORTAL, Channel.VIDEO)
            rows.append(
                Question(
                    campaign=line,
                    channel=channel,
                    author=rng.choice(residents) if portal and residents else None,
                    caller_name="" if portal else "Житель (звонок)",
                    text=question,
                    # The demo keeps no video files: its video questions carry a placeholder name.
                    video="directline/demo/question.mp4" if channel == Channel.VIDEO else "",
                    status=QuestionStatus.PUBLISHED,
                    support_count=rng.randint(0, 40),
                    answer_text=answer,
                    answer_at_seconds=60 + n * 9 if n < 120 else None,
                    answered_at=answered_at,
                )
            )
        Question.objects.bulk_create(rows)
    if not Campaign.objects.filter(title=SURGUT).exists():
        surgut = Municipality.objects.filter(name__icontains="Сургут").order_by("pk").first()
        line = Campaign.objects.create(
            title=SURGUT,
            description="Глава города ответит на вопросы жителей в прямом эфире. Задайте свой "
            "вопрос заранее и поддержите вопросы соседей.",
            municipality=surgut,
            event_at=timezone.now() + timedelta(days=10),
        )
        for n in range(14):
            question, _answer = _text(rng, n + 3)
            status = QuestionStatus.PENDING if n >= 11 else QuestionStatus.PUBLISHED
            author = residents[n % len(residents)] if residents else None
            item = Question.objects.create(
                campaign=line,
                channel=Channel.PHONE if author is None or n == 5 else Channel.PORTAL,
                author=None if n == 5 else author,
                caller_name="Звонок в контакт-центр" if n == 5 else "",
                text=question,
                status=status,
            )
            if status == QuestionStatus.PUBLISHED:
                fans = [r for r in residents if r.pk != item.author_id][: rng.randint(0, 12)]
                QuestionSupport.objects.bulk_create(
                    [QuestionSupport(question=item, user=fan) for fan in fans]
                )
                Question.objects.filter(pk=item.pk).update(support_count=len(fans))
