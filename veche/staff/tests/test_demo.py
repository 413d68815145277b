"""Demo personas: one account of every role, idempotent, each able to log in at once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from veche.accounts.models import User
from veche.staff import demo
from veche.staff.models import Role, RoleAssignment


def snapshot() -> tuple[int, int, set]:
    assignments = set(
        RoleAssignment.objects.values_list("user__email", "role", "municipality", "agency")
    )
    return User.objects.count(), RoleAssignment.objects.count(), assignments


@pytest.mark.django_db
def test_seed_twice_creates_no_duplicates(world):
    personas = demo.seed()
    first = snapshot()
    assert demo.seed() == personas
    assert snapshot() == first
    assert first[0] == len(personas)


@pytest.mark.django_db
def test_every_persona_logs_in(client, world):
    for persona in demo.seed():
        assert client.login(email=persona.email, password=persona.password), persona.email
        client.logout()


@pytest.mark.django_db
def test_a_person_of_every_role(world):
    demo.seed()
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    verified = User.objects.get(email="verified@demo.veche")
    assert verified.verified_at is not None and verified.verification_method == "document"
    resident = User.objects.get(email="resident@demo.veche")
    assert resident.email_confirmed_at is not None and resident.verified_at is None
    assert resident.settlement == world.surgut_home
    admin = User.objects.get(email="admin@demo.veche")
    assert admin.is_staff and admin.is_superuser


@pytest.mark.django_db
def test_roles_are_scoped_to_surgut_and_its_administration(world):
    demo.seed()
    official = RoleAssignment.objects.get(user__email="official@demo.veche")
    assert (official.role, official.agency) == (Role.OFFICIAL, world.surgut_admin)
    surgut_admin = RoleAssignment.objects.get(user__email="municipal-admin@demo.veche")
    assert surgut_admin.municipality == world.surgut
    urai_admin = RoleAssignment.objects.get(user__email="municipal-admin-urai@demo.veche")
    assert urai_admin.municipality == world.urai


@pytest.mark.django_db
def test_demo_municipal_admin_of_surgut_is_kept_out_of_urai(client, world):
    demo.seed()
    client.login(email="municipal-admin@demo.veche", password="demo-municipal-admin-2026")
    assert client.get(reverse("staff:municipality", args=["surgut"])).status_code == 200
    assert client.get(reverse("staff:municipality", args=["urai"])).status_code == 403


@pytest.mark.django_db
def test_seed_refuses_clearly_without_the_territory():
    with pytest.raises(demo.DemoDataMissing, match="Сургут"):
        demo.seed()


@pytest.mark.django_db
def test_seed_demo_command_prints_every_account_and_runs_twice(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first
    printed = out.getvalue()
    for persona in demo.PERSONAS:
        assert persona.role_label in printed
        assert f"{persona.email}  {persona.password}" in printed
        assert client.login(email=persona.email, password=persona.password), persona.email
