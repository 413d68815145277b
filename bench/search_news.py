"""Fake news-like rows for the site-wide search bench: written straight into the index under the
kind `bench.news`, which is registered without save hooks (there is no model behind it)."""

import random
from datetime import timedelta

from django.utils import timezone

from veche.search.kinds import KINDS, Document, SearchKind
from veche.search.models import SearchEntry
from veche.search.services import entry_for

KIND = "bench.news"
PLACES = [
    "Сургуте",
    "Ханты-Мансийске",
    "Нижневартовске",
    "Урае",
    "Нефтеюганске",
    "Когалыме",
    "Лангепасе",
    "Мегионе",
    "Пыть-Яхе",
    "Радужном",
    "Советском районе",
    "Берёзовском районе",
]
HEADLINES = [
    "В {place} открыли новую детскую площадку",
    "В {place} отремонтируют дороги к школам",
    "Глава администрации в {place} провёл приём граждан",
    "В {place} стартовал конкурс инициативных проектов",
    "Жители в {place} выбрали дворы для благоустройства",
    "В {place} заработала новая остановка с павильоном",
    "Снегоуборочная техника в {place} вышла на улицы",
    "В {place} прошли публичные слушания по бюджету",
    "В {place} высадили сотню деревьев в сквере",
    "Библиотека в {place} приглашает на лекции по истории Югры",
]
SENTENCES = [
    "Работы выполнены по заявкам жителей, поданным через портал.",
    "Подрядчик обязан завершить ремонт до конца сезона.",
    "На встрече обсудили освещение улиц, вывоз мусора и ямы во дворах.",
    "Заявки принимаются до конца месяца, итоги подведут в декабре.",
    "В голосовании приняли участие более двух тысяч человек.",
    "Средства выделены из окружного и местного бюджетов.",
    "Горожане попросили установить лавочки и фонари вдоль набережной.",
    "Следить за ходом работ можно в разделе «Реализованные проекты».",
]


def _document(entry: SearchEntry) -> Document:
    return Document(entry.title, entry.url, entry.public, entry.moment, entry.excerpt)


def register_news_kind() -> None:
    KINDS[KIND] = SearchKind(
        kind=KIND,
        label="новости (бенчмарк)",
        model=SearchEntry,
        document=_document,
        rows=lambda: SearchEntry.objects.filter(kind=KIND),
        order=90,
    )


def fill(count: int, seed: int = 5) -> int:
    """Top up the news rows to `count`."""
    have = SearchEntry.objects.filter(kind=KIND).count()
    rng = random.Random(seed + have)
    now = timezone.now()
    rows = []
    for n in range(have, count):
        title = rng.choice(HEADLINES).format(place=rng.choice(PLACES))
        text = " ".join(rng.sample(SENTENCES, 3))
        moment = now - timedelta(minutes=rng.randrange(60 * 24 * 700))
        document = Document(title, f"/news/{n + 1}/", True, moment, text)
        rows.append(entry_for(KINDS[KIND], n + 1, document))
    SearchEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
