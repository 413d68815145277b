"""Demo agencies of Yugra: the okrug's departments, an administration for each municipality, and
a few utilities and management companies. Runs after the territory demo.

Idempotent: agencies are found by name and updated. Names are real or realistic; e-mail
addresses are on the demo domain so that a demo never writes to a real office.
"""

from django.db import transaction

from veche.territory.demo_data import MUNICIPALITIES
from veche.territory.demo_data import REGION as DEMO_REGION
from veche.territory.models import Municipality, Region

from .models import Agency

OKRUG = "Ханты-Мансийского автономного округа – Югры"

# (name, short name, e-mail box) of the okrug's departments; they serve the whole region.
DEPARTMENTS = [
    (f"Департамент здравоохранения {OKRUG}", "Депздрав Югры", "depzdrav"),
    (f"Департамент образования и науки {OKRUG}", "Депобрнауки Югры", "depobr"),
    (
        f"Департамент жилищно-коммунального комплекса и энергетики {OKRUG}",
        "Депжкк и энергетики Югры",
        "depjkk",
    ),
    (f"Департамент дорожного хозяйства и транспорта {OKRUG}", "Дептранс Югры", "deptrans"),
    (f"Департамент социального развития {OKRUG}", "Депсоцразвития Югры", "depsr"),
    (f"Департамент культуры {OKRUG}", "Депкультуры Югры", "depcult"),
    (f"Департамент физической культуры и спорта {OKRUG}", "Депспорт Югры", "depsport"),
    (
        f"Департамент природных ресурсов и несырьевого сектора экономики {OKRUG}",
        "Депприроды Югры",
        "depprirod",
    ),
    (f"Служба жилищного и строительного надзора {OKRUG}", "Жилстройнадзор Югры", "jsn"),
]

# (name, short name, kind, e-mail box, municipalities served).
COMPANIES = [
    ("Сургутские городские электрические сети", "СГЭС", "utility", "sges", ["Сургут"]),
    ("СГМУП «Городские тепловые сети»", "ГТС Сургута", "utility", "gts-surgut", ["Сургут"]),
    (
        "УК «ДЕЗ Восточного жилого района»",
        "ДЕЗ ВЖР",
        "management_company",
        "dez-vjr",
        ["Сургут"],
    ),
    (
        "УК «ДЕЗ Центрального жилого района»",
        "ДЕЗ ЦЖР",
        "management_company",
        "dez-cjr",
        ["Сургут"],
    ),
    ("АО «Горэлектросеть» (Нижневартовск)", "", "utility", "ges-nv", ["Нижневартовск"]),
    ("АО «Водоканал» (Нижневартовск)", "", "utility", "vodokanal-nv", ["Нижневартовск"]),
    (
        "АО «Управляющая компания № 1» (Нижневартовск)",
        "УК № 1",
        "management_company",
        "uk1-nv",
        ["Нижневартовск"],
    ),
    (
        "АО «Управление теплоснабжения и инженерных сетей» (Ханты-Мансийск)",
        "УТС и ИС",
        "utility",
        "utis-hm",
        ["Ханты-Мансийск"],
    ),
    (
        "АО «ЮТЭК – Региональные сети»",
        "ЮТЭК-РС",
        "utility",
        "utek-rs",
        [
            "Белоярский район",
            "Берёзовский район",
            "Кондинский район",
            "Октябрьский район",
            "Советский район",
            "Ханты-Мансийский район",
        ],
    ),
]


def accusative(name: str) -> str:
    """The demo names' accusative: only their feminine head nouns change («Администрация» →
    «Администрацию»); departments, networks and companies keep their form."""
    for nominative, changed in (("Администрация ", "Администрацию "), ("Служба ", "Службу ")):
        if name.startswith(nominative):
            return changed + name.removeprefix(nominative)
    return name


def _save(region: Region, name: str, municipalities: list[Municipality], **fields) -> Agency:
    defaults = {"region": region, "is_active": True, "name_accusative": accusative(name)}
    agency, _ = Agency.objects.update_or_create(name=name, defaults={**defaults, **fields})
    agency.municipalities.set(municipalities)
    return agency


@transaction.atomic
def seed() -> list[Agency]:
    """Create or update the demo agencies; returns them."""
    region = Region.objects.get(slug=DEMO_REGION["slug"])
    by_name = {m.name: m for m in region.municipalities.all()}
    agencies = [
        _save(
            region,
            name,
            [],
            kind="regional_department",
            short_name=short,
            email=f"{box}@demo.veche",
        )
        for name, short, box in DEPARTMENTS
    ]
    for municipality in by_name.values():
        genitive = MUNICIPALITIES[municipality.name][2]
        agencies.append(
            _save(
                region,
                f"Администрация {genitive}",
                [municipality],
                kind="municipal_administration",
                administers=municipality,
                email=f"adm-{municipality.slug}@demo.veche",
            )
        )
    for name, short, kind, box, served in COMPANIES:
        agencies.append(
            _save(
                region,
                name,
                [by_name[m] for m in served],
                kind=kind,
                short_name=short,
                email=f"{box}@demo.veche",
            )
        )
    return agencies
