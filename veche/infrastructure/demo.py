"""A programme registry that looks in use: the 32 categories and about 350 objects over every
municipality — roads as lines, parks and yards as polygons, the rest as points — with works,
dates, money, contractors, the responsible administration, payments of the completed ones.
Loaded through the import itself (rows of a table), so the demo is idempotent by the source ids
and its objects have the municipalities and history an import gives. `table(count, seed)` is
also the benchmark's generator (bench/infrastructure.py: 22,000 objects)."""

import datetime
import json
import math
import random
from decimal import Decimal

from django.db import transaction

from veche.territory import geometry as territory_geometry
from veche.territory.models import Municipality

from .models import Category, Facility, Payment

# slug, name, shape, name templates ({street}, {place}, {n}), work types.
CATEGORIES = [
    ("roads-new", "Строительство автомобильных дорог", "line",
     ["Строительство автодороги к мкр. «{place}»", "Новая дорога по ул. {street}"],
     ["construction"]),
    ("roads-repair", "Ремонт автомобильных дорог", "line",
     ["Ремонт ул. {street}", "Ремонт проезжей части ул. {street} (участок {n})"], ["repair"]),
    ("roads-reconstruction", "Реконструкция дорог", "line",
     ["Реконструкция ул. {street}", "Расширение ул. {street} до четырёх полос"],
     ["reconstruction"]),
    ("pavements", "Тротуары и пешеходные зоны", "line",
     ["Тротуар по ул. {street}", "Пешеходная дорожка к школе № {n}"], ["construction", "repair"]),
    ("bridges", "Мосты и путепроводы", "point",
     ["Ремонт моста через реку на ул. {street}", "Пешеходный мост в мкр. «{place}»"],
     ["repair", "capital_repair"]),
    ("stops", "Остановки общественного транспорта", "point",
     ["Остановочный павильон «Ул. {street}»", "Остановка «{place}»"], ["construction"]),
    ("yards", "Благоустройство дворов", "polygon",
     ["Благоустройство двора ул. {street}, {n}", "Двор домов № {n} по ул. {street}"],
     ["landscaping"]),
    ("playgrounds", "Детские площадки", "point",
     ["Детская площадка у дома № {n} по ул. {street}", "Игровой комплекс в мкр. «{place}»"],
     ["construction"]),
    ("schools", "Школы", "point",
     ["Строительство школы на {n} мест", "Капитальный ремонт школы № {n}"],
     ["construction", "capital_repair"]),
    ("kindergartens", "Детские сады", "point",
     ["Детский сад на {n} мест в мкр. «{place}»", "Ремонт детского сада № {n}"],
     ["construction", "repair"]),
    ("sport", "Спортивные объекты", "point",
     ["Физкультурно-оздоровительный комплекс «{place}»", "Ледовая арена на ул. {street}"],
     ["construction", "reconstruction"]),
    ("sport-grounds", "Спортивные площадки", "point",
     ["Универсальная спортплощадка у школы № {n}", "Воркаут-площадка на ул. {street}"],
     ["construction"]),
    ("parks", "Парки и скверы", "polygon",
     ["Сквер на ул. {street}", "Парк «{place}»"], ["landscaping", "reconstruction"]),
    ("public-spaces", "Общественные территории", "polygon",
     ["Площадь у Дома культуры", "Общественное пространство «{place}»"], ["landscaping"]),
    ("apartment-repair", "Капитальный ремонт многоквартирных домов", "point",
     ["Капремонт крыши дома ул. {street}, {n}", "Замена лифтов в доме ул. {street}, {n}"],
     ["capital_repair"]),
    ("hospitals", "Больницы", "point",
     ["Ремонт корпуса городской больницы № {n}", "Строительство больницы в мкр. «{place}»"],
     ["capital_repair", "construction"]),
    ("clinics", "Поликлиники и ФАПы", "point",
     ["Фельдшерско-акушерский пункт «{place}»", "Детская поликлиника на ул. {street}"],
     ["construction", "repair"]),
    ("social", "Социальные объекты", "point",
     ["Центр социального обслуживания на ул. {street}", "Дом-интернат «{place}»"],
     ["repair", "reconstruction"]),
    ("fire-safety", "Пожарная безопасность", "point",
     ["Пожарное депо в мкр. «{place}»", "Пожарный водоём на ул. {street}"],
     ["construction"]),
    ("culture", "Учреждения культуры", "point",
     ["Ремонт Дома культуры «{place}»", "Реконструкция кинотеатра на ул. {street}"],
     ["repair", "reconstruction"]),
    ("libraries", "Библиотеки", "point",
     ["Модельная библиотека на ул. {street}", "Библиотека № {n}"], ["repair"]),
    ("capital-construction", "Капитальное строительство", "point",
     ["Административное здание на ул. {street}", "Многофункциональный центр «{place}»"],
     ["construction"]),
    ("landmarks", "Знаковые объекты", "point",
     ["Культурно-деловой центр «{place}»", "Музей истории края"], ["construction"]),
    ("lighting", "Уличное освещение", "line",
     ["Освещение ул. {street}", "Наружное освещение мкр. «{place}»"], ["construction"]),
    ("water-supply", "Водоснабжение", "line",
     ["Водовод по ул. {street}", "Замена сетей водоснабжения мкр. «{place}»"],
     ["reconstruction", "repair"]),
    ("sewerage", "Водоотведение и очистные сооружения", "point",
     ["Канализационные очистные сооружения", "Канализационная насосная станция № {n}"],
     ["construction", "reconstruction"]),
    ("heating", "Теплоснабжение", "line",
     ["Тепловая сеть по ул. {street}", "Замена теплотрассы мкр. «{place}»"],
     ["capital_repair", "repair"]),
    ("gas", "Газификация", "line",
     ["Газопровод в мкр. «{place}»", "Газификация ул. {street}"], ["construction"]),
    ("waste", "Контейнерные площадки для ТКО", "point",
     ["Контейнерная площадка у дома ул. {street}, {n}", "Площадка раздельного сбора № {n}"],
     ["construction"]),
    ("embankments", "Набережные", "polygon",
     ["Набережная реки в мкр. «{place}»", "Благоустройство набережной ул. {street}"],
     ["landscaping", "reconstruction"]),
    ("cemeteries", "Кладбища", "polygon",
     ["Благоустройство кладбища «{place}»", "Расширение городского кладбища"], ["landscaping"]),
    ("youth", "Объекты молодёжной политики", "point",
     ["Молодёжный центр «{place}»", "Коворкинг для молодёжи на ул. {street}"], ["repair"]),
]  # fmt: skip
STREETS = ["Ленина", "Мира", "Советская", "Молодёжная", "Школьная", "Набережная", "Гагарина",
           "Строителей", "Нефтяников", "Победы", "Комсомольская", "Энтузиастов", "Северная",
           "Таёжная", "Лесная", "Центральная", "Заречная", "Рабочая", "Восточная",
           "Садовая"]  # fmt: skip
PLACES = ["Северный", "Солнечный", "Югорский", "Восточный", "Звёздный", "Кедровый",
          "Берёзовый", "Радужный", "Лесной", "Центральный", "Заречный", "Сосновый бор"]  # fmt: skip
CONTRACTORS = ["ООО «Югорская дорожная компания»", "АО «Северстрой»", "ООО «СибМост»",
               "ООО «Благоустройство-Сервис»", "АО «Тюменьдорстрой»", "ООО «СтройИнвест»",
               "ООО «Кедр»", "ООО «ЭнергоМонтаж»", "АО «Водоканал-Строй»"]  # fmt: skip
PROGRAMMES = ["Безопасные качественные дороги", "Формирование комфортной городской среды",
              "Развитие образования", "Развитие физической культуры и спорта",
              "Современное здравоохранение", "Культурное пространство",
              "Жилищно-коммунальный комплекс"]  # fmt: skip
HEADER = ["source_id", "name", "category", "address", "geometry", "lat", "lon", "programme",
          "year", "work_type", "status", "planned_start", "planned_end", "actual_start",
          "actual_end", "contractor", "agency", "budget_planned", "budget_spent", "progress",
          "description"]  # fmt: skip
DEMO_COUNT = 352  # 11 per category
# The day the demo's statuses are read at: fixed, so seeding again on another day changes nothing.
AS_OF = datetime.date(2026, 11, 1)


def seed_categories() -> None:
    for order, (slug, name, *_rest) in enumerate(CATEGORIES, 1):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


def _point_in(municipality: Municipality, rng: random.Random) -> tuple[float, float]:
    """A random point inside the municipality, near its interior point (towns cluster)."""
    lat0, lon0 = territory_geometry.interior_point(municipality.boundary)
    for spread in (0.3, 0.15, 0.05, 0.02):
        lat = lat0 + rng.uniform(-spread, spread)
        lon = lon0 + rng.uniform(-spread, spread) * 2
        if territory_geometry.contains(municipality.boundary, lat, lon):
            return lat, lon
    return lat0, lon0


def _geometry(shape: str, lat: float, lon: float, rng: random.Random) -> dict | None:
    if shape == "line":
        points, heading = [[lon, lat]], rng.uniform(0, 6.28)
        for _ in range(rng.randint(3, 8)):
            heading += rng.uniform(-0.5, 0.5)
            step = rng.uniform(0.001, 0.004)
            lon += step * 2 * math.cos(heading)
            lat += step * math.sin(heading)
            points.append([round(lon, 6), round(lat, 6)])
        return {"type": "LineString", "coordinates": points}
    if shape == "polygon":
        ring = territory_geometry.regular_polygon(lat, lon, rng.uniform(0.05, 0.3), sides=6)
        ring = [[round(x, 6), round(y, 6)] for x, y in ring]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    return None


def table(count: int, *, seed: int = 14, prefix: str = "DEMO") -> list[tuple[int, list]]:
    """`count` objects as the rows of an import table (line numbers from 1, header first),
    spread over every municipality and category."""
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.exclude(boundary__isnull=True).order_by("pk"))
    agencies = _administrations()
    today = AS_OF
    rows = [(1, HEADER)]
    for n in range(count):
        slug, _name, shape, names, work_types = CATEGORIES[n % len(CATEGORIES)]
        municipality = municipalities[(n // len(CATEGORIES) + n) % len(municipalities)]
        lat, lon = _point_in(municipality, rng)
        geometry = _geometry(shape, lat, lon, rng)
        street, place = rng.choice(STREETS), rng.choice(PLACES)
        name = rng.choice(names).format(street=street, place=place, n=rng.randint(1, 40))
        year = rng.choice([2021, 2022, 2023, 2024, 2025, 2026, 2027])
        start = datetime.date(year, rng.randint(3, 7), rng.randint(1, 28))
        end = start + datetime.timedelta(days=rng.randint(60, 540))
        planned = Decimal(rng.randint(8, 4000) * 25_000)
        status, progress, actual_start, actual_end, spent = _progress(
            rng, start, end, today, planned
        )
        rows.append((n + 2, [
            f"{prefix}-{n + 1:05d}", f"{name}, {municipality.admin_centre or municipality.name}",
            slug, f"{municipality.admin_centre or municipality.name}, ул. {street}",
            "" if geometry is None else _json(geometry),
            "" if geometry else f"{lat:.6f}", "" if geometry else f"{lon:.6f}",
            rng.choice(PROGRAMMES), year, rng.choice(work_types), status,
            start.isoformat(), end.isoformat(),
            actual_start.isoformat() if actual_start else "",
            actual_end.isoformat() if actual_end else "",
            rng.choice(CONTRACTORS) if status != "planned" else "",
            agencies.get(municipality.pk, ""), f"{planned:.2f}", f"{spent:.2f}", progress,
            "",
        ]))  # fmt: skip
    return rows


def _json(geometry: dict) -> str:
    return json.dumps(geometry, separators=(",", ":"))


def _progress(rng, start, end, today, planned):
    if start > today:
        return "planned", 0, None, None, Decimal(0)
    if end < today and rng.random() < 0.8:
        late = datetime.timedelta(days=rng.choice([0, 0, 0, 14, 45]))
        return (
            "completed",
            100,
            start,
            min(end + late, today),
            (planned * Decimal("0.97")).quantize(Decimal("1")),
        )
    if rng.random() < 0.08:
        share = rng.randint(10, 60)
        return "suspended", share, start, None, (planned * share / 100).quantize(Decimal("1"))
    share = rng.randint(5, 95)
    return "in_progress", share, start, None, (planned * share / 100).quantize(Decimal("1"))


def _administrations() -> dict[int, str]:
    from veche.agencies.models import Agency

    return {
        municipality: name
        for municipality, name in Agency.objects.filter(administers__isnull=False).values_list(
            "administers_id", "name"
        )
    }


def _payments() -> None:
    """Two or three payments of each completed demo object that has none."""
    done = Facility.objects.filter(
        source_id__startswith="DEMO-", status="completed", payments__isnull=True
    ).only("pk", "budget_spent", "actual_start", "actual_end")
    new = []
    for facility in done:
        first = facility.actual_start or AS_OF
        last = facility.actual_end or first
        parts = [Decimal("0.3"), Decimal("0.5"), Decimal("0.2")]
        span = max((last - first).days, 2)
        for index, part in enumerate(parts):
            day = first + datetime.timedelta(days=span * (index + 1) // len(parts))
            new.append(
                Payment(
                    facility=facility,
                    paid_on=day,
                    amount=(facility.budget_spent * part).quantize(Decimal("0.01")),
                )
            )
    Payment.objects.bulk_create(new, ignore_conflicts=True)


def seed() -> None:
    from .services.importing import import_table

    if not Municipality.objects.exclude(boundary__isnull=True).exists():
        return
    with transaction.atomic():
        seed_categories()
    import_table(table(DEMO_COUNT), actor=None, filename="demo.xlsx")
    with transaction.atomic():
        _payments()
