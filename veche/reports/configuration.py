"""A second configuration: a deployment other than the Yugra demo, loaded from its folder
`veche/territory/data/<name>/` by `manage.py seed_demo --config <name>` (or with
VECHE_CONFIG=<name> set, which also names the portal and its emblem; docs/configuration.md).

The folder holds `portal.json` (settings: portal name, region name, emblem), `territory.geojson`
(territory/configuration.py) and `agencies.json`: the agencies with the categories or topics
they answer for in the municipality, the demo people with their roles, and how many demo
reports each municipality gets (`demo_reports`). On top come the
catalogue (demo.py) and a year of activity (demo_activity.py). Idempotent.
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.staff.models import RoleAssignment
from veche.territory.configuration import folder, load_territory
from veche.territory.models import Municipality, Region

from . import demo
from .demo_activity import REPORTS_PER_MUNICIPALITY, seed_activity
from .models import RoutingRule, Topic


@dataclass(frozen=True)
class Person:
    role_label: str
    email: str
    password: str


def loader(name: str):
    """The seed function of configuration `name`, for core.demo.register_configuration."""

    def seed() -> list[Person]:
        return load_configuration(name)

    return seed


@transaction.atomic
def load_configuration(name: str) -> list[Person]:
    region = load_territory(name)
    data = json.loads((folder(name) / "agencies.json").read_text(encoding="utf-8"))
    municipalities = {m.name: m for m in Municipality.objects.filter(region=region)}
    demo.seed()  # the catalogue and the rejection reasons
    agencies = [_agency(region, municipalities, row) for row in data["agencies"]]
    for agency, row in zip(agencies, data["agencies"], strict=True):
        _routing(agency, row, municipalities.values())
    people = [_person(row, municipalities, agencies) for row in data["people"]]
    seed_activity(per_municipality=data.get("demo_reports", REPORTS_PER_MUNICIPALITY))
    return people


def _agency(region: Region, municipalities: dict, row: dict) -> Agency:
    administers = municipalities.get(row.get("administers", ""))
    agency, _ = Agency.objects.update_or_create(
        name=row["name"],
        defaults={
            "region": region,
            "kind": row["kind"],
            "short_name": row.get("short_name", ""),
            "administers": administers,
            "email": row.get("email", ""),
        },
    )
    agency.municipalities.set(municipalities.values())
    return agency


def _routing(agency: Agency, row: dict, municipalities) -> None:
    topics = Topic.objects.filter(
        category__slug__in=row.get("categories", [])
    ) | Topic.objects.filter(service_code__in=row.get("topics", []))
    for topic in topics:
        for municipality in municipalities:
            RoutingRule.objects.update_or_create(
                topic=topic, municipality=municipality, defaults={"agency": agency}
            )


def _person(row: dict, municipalities: dict, agencies: list[Agency]) -> Person:
    now = timezone.now()
    user = User.objects.filter(email=row["email"]).first() or User(email=row["email"])
    user.last_name, user.first_name = row["last_name"], row["first_name"]
    user.personal_data_consent_at = user.personal_data_consent_at or now
    user.email_confirmed_at = user.email_confirmed_at or now
    if not user.check_password(row["password"]):
        user.set_password(row["password"])
    user.save()
    if role := row.get("role"):
        scope = {"municipality": municipalities.get(row.get("municipality", ""))}
        if short := row.get("agency"):
            scope["agency"] = next(a for a in agencies if short in (a.short_name, a.name))
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    return Person(row["role_label"], row["email"], row["password"])
