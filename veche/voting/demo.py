"""Demo voting points in Surgut and Khanty-Mansiysk (the seeds' exhibitions, МФЦ desks and
meetings), and the demo operator (operator@demo.veche) at Surgut's points.

Idempotent: points are found by municipality and title, memberships by point and person. Runs
after the territory and staff demos; a municipality missing from the territory is skipped."""

from dataclasses import dataclass

from django.db import transaction

from veche.accounts.models import User
from veche.territory.models import Municipality

from .models import VotingPoint, VotingPointMember

OPERATOR = "operator@demo.veche"
ADMIN = "admin@demo.veche"


@dataclass(frozen=True)
class DemoPoint:
    municipality: str
    title: str
    address: str
    note: str = ""
    is_active: bool = True
    staffed: bool = False  # the demo operator (of Surgut) enters ballots there


POINTS = [
    DemoPoint(
        "Сургут",
        "Выставка «Сургут — город будущего»",
        "ул. Профсоюзов, 11, ТРЦ «Аура», 1 этаж",
        "Стенд у центрального входа, ежедневно с 10:00 до 20:00.",
        staffed=True,
    ),
    DemoPoint(
        "Сургут",
        "МФЦ Сургута, окно «Решай»",
        "ул. Гагарина, 4",
        "Пн–Пт 8:00–20:00, Сб 9:00–15:00. Спросите консультанта по голосованию.",
        staffed=True,
    ),
    DemoPoint(
        "Сургут",
        "Встреча с жителями микрорайона 35",
        "ул. Университетская, 21, школа № 46, актовый зал",
        "Только в день встречи; бюллетени принимает секретарь встречи.",
        is_active=False,
    ),
    DemoPoint(
        "Ханты-Мансийск",
        "МФЦ Ханты-Мансийска",
        "ул. Энгельса, 45",
        "Пн–Сб 8:00–20:00, окна 1–3.",
    ),
    DemoPoint(
        "Ханты-Мансийск",
        "Выставка «Югра спортивная» в КТЦ «Югра-Классик»",
        "ул. Мира, 22",
        "Во время выставки, с 11:00 до 19:00.",
    ),
]


def seed() -> None:
    names = {point.municipality for point in POINTS}
    municipalities = {m.name: m for m in Municipality.objects.filter(name__in=names)}
    operator = User.objects.filter(email=OPERATOR).first()
    admin = User.objects.filter(email=ADMIN).first()
    with transaction.atomic():
        for demo in POINTS:
            municipality = municipalities.get(demo.municipality)
            if municipality is None:
                continue
            point, _created = VotingPoint.objects.update_or_create(
                municipality=municipality,
                title=demo.title,
                defaults={"address": demo.address, "note": demo.note, "is_active": demo.is_active},
            )
            if point.created_by_id is None and admin is not None:
                point.created_by = admin
                point.save(update_fields=["created_by"])
            if demo.staffed and operator is not None:
                VotingPointMember.objects.get_or_create(
                    point=point, user=operator, defaults={"granted_by": admin}
                )
