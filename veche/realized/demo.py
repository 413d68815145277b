"""A registry that looks in use: about sixty realized projects from 2017 on in a dozen
municipalities (by their settlements), a few still in implementation with progress on their
timeline, one not carried out with its refunds, and the figures of projects realized per
municipality and year that make the completeness table. Idempotent: found by natural keys."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from veche.territory.models import Municipality, Settlement

from .models import Direction, Project, ProjectUpdate, RealizedCount, Status

NAMES = {
    Direction.ROADS: [
        "Тротуар по улице {street}",
        "Ремонт проезда к школе",
        "Пешеходная дорожка у {street}",
    ],
    Direction.YARDS: ["Благоустройство двора на {street}", "Сквер «{name}»", "Зона отдыха у пруда"],
    Direction.PLAYGROUNDS: ["Детская площадка на {street}", "Игровой городок «{name}»"],
    Direction.CULTURE: [
        "Сцена для праздников",
        "Ремонт зала Дома культуры",
        "Костюмы для ансамбля «{name}»",
    ],
    Direction.SPORT: [
        "Хоккейная коробка",
        "Воркаут-площадка на {street}",
        "Лыжная трасса с освещением",
    ],
    Direction.EDUCATION: ["Библиотечный коворкинг", "Школьный музей «{name}»"],
    Direction.MEMORIALS: ["Памятник землякам-фронтовикам", "Аллея памяти"],
    Direction.LIGHTING: ["Освещение улицы {street}", "Фонари в парке"],
    Direction.WATER: ["Водоочистная колонка", "Колодец на {street}"],
    Direction.SAFETY: ["Пожарный водоём", "Минерализованная полоса вокруг посёлка"],
}
STREETS = ["Ленина", "Мира", "Набережной", "Молодёжной", "Школьной", "Советской", "Таёжной"]
WORDS = ["Берёзка", "Радуга", "Северное сияние", "Югорка", "Солнышко", "Кедр"]
YEARS = range(2017, 2026)
COUNT = 60


def _name(direction, rng: random.Random) -> str:
    template = rng.choice(NAMES[direction])
    return template.format(street=rng.choice(STREETS), name=rng.choice(WORDS))


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 1000))


def seed() -> None:
    places = list(Municipality.objects.order_by("name").prefetch_related("settlements")[:14])
    if not places:
        return  # the territory demo is not loaded
    rng = random.Random(13)
    directions = list(NAMES)
    now = timezone.now()
    entered: dict[tuple[int, int], int] = {}
    for number in range(COUNT):
        municipality = places[number % len(places)]
        settlements: list[Settlement] = list(municipality.settlements.all())
        year = YEARS[number % len(YEARS)]
        direction = directions[rng.randrange(len(directions))]
        name = f"{_name(direction, rng)}"
        region = _money(rng, 300_000, 3_000_000)
        status = Status.IMPLEMENTED
        if year == YEARS[-1] and number % 3:
            status = Status.IN_IMPLEMENTATION
        if number == 7:
            status = Status.NOT_CARRIED_OUT
        residents = _money(rng, 10_000, 150_000)
        sponsors = _money(rng, 0, 100_000)
        project, created = Project.objects.get_or_create(
            municipality=municipality,
            year=year,
            name=name,
            defaults={
                "settlement": rng.choice(settlements) if settlements else None,
                "direction": direction,
                "status": status,
                "amount_region": region,
                "amount_municipality": (region * Decimal("0.2")).quantize(Decimal("1")),
                "amount_residents": residents,
                "amount_sponsors": sponsors,
                "refund_residents": residents if status == Status.NOT_CARRIED_OUT else Decimal(0),
                "refund_sponsors": sponsors if status == Status.NOT_CARRIED_OUT else Decimal(0),
                "description": "Проект предложили жители на собрании; они же вложили часть "
                "средств и помогали на субботниках.",
            },
        )
        key = (municipality.pk, year)
        entered[key] = entered.get(key, 0) + 1
        if created:
            _timeline(project, now - timedelta(days=30 * (len(YEARS) - YEARS.index(year))))
    _photos()
    for (municipality_id, year), count in entered.items():
        # The registry holds about 60 % of what was realized (seed 002: 588 of 949).
        RealizedCount.objects.get_or_create(
            municipality_id=municipality_id,
            year=year,
            defaults={"realized": count + 1 + count // 2},
        )


def _timeline(project: Project, start) -> None:
    entries = [(ProjectUpdate.Kind.ENTERED, "")]
    if project.status != Status.IMPLEMENTED:
        entries = [
            (ProjectUpdate.Kind.STARTED, "Проект победил в конкурсе и передан в работу."),
            (ProjectUpdate.Kind.PROGRESS, "Заключён договор с подрядчиком, завезены материалы."),
        ]
    if project.status == Status.NOT_CARRIED_OUT:
        entries.append(
            (
                ProjectUpdate.Kind.NOT_CARRIED_OUT,
                "Подрядчик не найден на двух торгах; вклады жителей и спонсоров будут возвращены.",
            )
        )
    for offset, (kind, text) in enumerate(entries):
        entry = ProjectUpdate.objects.create(project=project, kind=kind, text=text)
        ProjectUpdate.objects.filter(pk=entry.pk).update(
            created_at=start + timedelta(days=20 * offset)
        )


PHOTOGRAPHED = 12


def _photos() -> None:
    """Photos before and after for the latest implemented projects that have none (drawn here:
    a bare plot, then the built ground with its equipment), through veche.media as uploads."""
    from veche.media.uploads import process_media

    from .models import ProjectPhoto
    from .services._common import save_photos

    latest = Project.objects.filter(status=Status.IMPLEMENTED).order_by("-year", "pk")
    for number, project in enumerate(latest[:PHOTOGRAPHED]):
        if project.photos.exists():
            continue
        for stage in (ProjectPhoto.Stage.BEFORE, ProjectPhoto.Stage.AFTER):
            upload = _picture(number, after=stage == ProjectPhoto.Stage.AFTER)
            save_photos(project, process_media([upload]), stage=stage)


def _picture(seed: int, *, after: bool):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    rng = random.Random(seed * 2 + after)
    image = Image.new("RGB", (640, 427), (170, 200, 230))
    draw = ImageDraw.Draw(image)
    ground = (96, 150, 80) if after else (140, 120, 95)
    draw.rectangle((0, 250, 640, 427), fill=ground)
    draw.rectangle((0, 160, 640, 250), fill=(70, 110, 70))  # the taiga behind
    if after:
        for _ in range(5):
            x, y = rng.randrange(20, 560), rng.randrange(270, 380)
            colour = rng.choice([(220, 80, 60), (250, 200, 60), (60, 120, 200), (240, 240, 240)])
            draw.rectangle(
                (x, y - rng.randrange(30, 90), x + rng.randrange(30, 80), y), fill=colour
            )
        draw.rectangle((0, 395, 640, 427), fill=(120, 120, 125))  # the new path
    else:
        for _ in range(25):
            x, y = rng.randrange(0, 640), rng.randrange(260, 420)
            draw.ellipse((x, y, x + 14, y + 8), fill=(110, 95, 75))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"demo-{seed}.jpg", out.getvalue(), content_type="image/jpeg")
