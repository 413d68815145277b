"""Demo personas: one user of every role, so a newcomer can log in as each at once (docs/demo.md).

Idempotent: users are found by e-mail and updated, roles are created only when missing. Runs after
the territory and agencies demos, whose Surgut and Urai it uses.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.territory.models import Municipality, Settlement

from .models import Role, RoleAssignment

# Scopes a persona's roles refer to; resolved from the territory and agencies demos.
SURGUT, URAI, SURGUT_ADMINISTRATION = "surgut", "urai", "surgut_administration"
REGION = None


@dataclass(frozen=True)
class Persona:
    role_label: str
    email: str
    password: str
    last_name: str = ""
    first_name: str = ""
    home: str = SURGUT
    verified: bool = False
    superuser: bool = False
    roles: tuple[tuple[str, str | None], ...] = field(default=())


PERSONAS = [
    Persona("Житель", "resident@demo.veche", "demo-resident-2026", "Соколова", "Марина"),
    Persona(
        "Подтверждённый житель",
        "verified@demo.veche",
        "demo-verified-2026",
        "Кузнецов",
        "Алексей",
        verified=True,
    ),
    Persona(
        "Оператор контакт-центра",
        "operator@demo.veche",
        "demo-operator-2026",
        "Лебедева",
        "Ольга",
        roles=((Role.OPERATOR, SURGUT),),
    ),
    Persona(
        "Модератор",
        "moderator@demo.veche",
        "demo-moderator-2026",
        "Морозов",
        "Дмитрий",
        roles=((Role.MODERATOR, SURGUT),),
    ),
    Persona(
        "Должностное лицо (Администрация г. Сургута)",
        "official@demo.veche",
        "demo-official-2026",
        "Васильев",
        "Сергей",
        roles=((Role.OFFICIAL, SURGUT_ADMINISTRATION),),
    ),
    Persona(
        "Руководитель ведомства (Администрация г. Сургута)",
        "agency-head@demo.veche",
        "demo-agency-head-2026",
        "Павлова",
        "Елена",
        roles=((Role.AGENCY_HEAD, SURGUT_ADMINISTRATION),),
    ),
    Persona(
        "Эксперт",
        "expert@demo.veche",
        "demo-expert-2026",
        "Николаев",
        "Андрей",
        roles=((Role.EXPERT, SURGUT),),
    ),
    Persona(
        "Муниципальный администратор (Сургут)",
        "municipal-admin@demo.veche",
        "demo-municipal-admin-2026",
        "Фёдорова",
        "Татьяна",
        roles=((Role.MUNICIPAL_ADMIN, SURGUT),),
    ),
    Persona(
        "Муниципальный администратор (Урай)",
        "municipal-admin-urai@demo.veche",
        "demo-urai-admin-2026",
        "Захаров",
        "Игорь",
        home=URAI,
        roles=((Role.MUNICIPAL_ADMIN, URAI),),
    ),
    Persona(
        "Глава муниципалитета (Сургут)",
        "mayor@demo.veche",
        "demo-mayor-2026",
        "Семёнов",
        "Максим",
        roles=((Role.MUNICIPAL_HEAD, SURGUT),),
    ),
    Persona(
        "Губернатор (глава региона)",
        "governor@demo.veche",
        "demo-governor-2026",
        "Комарова",
        "Наталья",
        roles=((Role.REGIONAL_HEAD, REGION),),
    ),
    Persona(
        "Региональный администратор",
        "admin@demo.veche",
        "demo-admin-2026",
        "Орлов",
        "Виктор",
        superuser=True,
        roles=((Role.REGIONAL_ADMIN, REGION),),
    ),
]


class DemoDataMissing(RuntimeError):
    pass


def _municipality(name: str) -> Municipality:
    found = Municipality.objects.filter(name=name).order_by("pk").first()
    if found is None:
        raise DemoDataMissing(f"Муниципалитет «{name}» не найден: сначала загрузите территорию.")
    return found


def _home_settlement(municipality: Municipality) -> Settlement | None:
    settlements = municipality.settlements.order_by("pk")
    return settlements.filter(name=municipality.admin_centre).first() or settlements.first()


def _administration(municipality: Municipality) -> Agency:
    kind = Agency.Kind.MUNICIPAL_ADMINISTRATION
    administrations = Agency.objects.filter(kind=kind).order_by("-is_active", "pk")
    found = (
        administrations.filter(administers=municipality).first()
        or administrations.filter(municipalities=municipality).first()
    )
    if found is None:
        raise DemoDataMissing(
            f"Нет администрации муниципалитета «{municipality}»: загрузите ведомства."
        )
    return found


def _scopes() -> dict[str, dict]:
    surgut, urai = _municipality("Сургут"), _municipality("Урай")
    return {
        SURGUT: {"municipality": surgut},
        URAI: {"municipality": urai},
        SURGUT_ADMINISTRATION: {"agency": _administration(surgut)},
    }


def _phone(index: int) -> str:
    # A block of numbers that the user factories (+7912…) never hand out.
    return f"+7999000{index:04d}"


def _user(persona: Persona, index: int, settlement: Settlement | None) -> User:
    now = timezone.now()
    user, _created = User.objects.update_or_create(
        email=persona.email,
        defaults={
            "last_name": persona.last_name,
            "first_name": persona.first_name,
            "settlement": settlement,
            "phone": _phone(index),
            "is_active": True,
            "deleted_at": None,
            "is_staff": persona.superuser,
            "is_superuser": persona.superuser,
        },
    )
    # Timestamps keep their first value, so a second run changes nothing a person could notice.
    user.personal_data_consent_at = user.personal_data_consent_at or now
    user.email_confirmed_at = user.email_confirmed_at or now
    if persona.verified:
        user.verified_at = user.verified_at or now
        user.verification_method = "document"
    user.set_password(persona.password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def seed() -> list[Persona]:
    """Create or refresh the demo personas and their roles; return them for printing."""
    with transaction.atomic():
        scopes = _scopes()
        homes = {
            key: _home_settlement(scope["municipality"])
            for key, scope in scopes.items()
            if "municipality" in scope
        }
        for index, persona in enumerate(PERSONAS, start=1):
            user = _user(persona, index, homes[persona.home])
            for role, scope_key in persona.roles:
                scope = scopes[scope_key] if scope_key else {}
                RoleAssignment.objects.get_or_create(
                    user=user,
                    role=role,
                    municipality=scope.get("municipality"),
                    agency=scope.get("agency"),
                )
    return list(PERSONAS)
