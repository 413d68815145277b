"""A resident downloads all his personal data and deletes his account (SPEC §15)."""

import json

import pytest
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from veche.accounts import privacy, services
from veche.accounts.models import User
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory, VerifiedUserFactory
from veche.staff.models import Role, RoleAssignment
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.verification.models import Verification
from veche.verification.tests.factories import DocumentVerificationFactory


@pytest.fixture
def resident(settlement):
    return VerifiedUserFactory(
        email="anna@mail.ru",
        last_name="Петрова",
        first_name="Анна",
        phone="+79123456789",
        settlement=settlement,
    )


# --- export ---


@pytest.mark.django_db
def test_export_holds_the_profile_roles_and_verifications(resident, settlement):
    RoleAssignmentFactory(user=resident, role=Role.MODERATOR, municipality=settlement.municipality)
    DocumentVerificationFactory(user=resident, note="паспорт")
    data = services.personal_data_export(user=resident)
    assert data["format"] == "veche.personal-data/1"
    profile = data["profile"]
    assert profile["email"] == "anna@mail.ru"
    assert (profile["last_name"], profile["first_name"]) == ("Петрова", "Анна")
    assert profile["phone"] == "+79123456789"
    assert profile["settlement"]["name"] == "Сургут"
    assert profile["personal_data_consent_at"] is not None
    assert [r["role"] for r in data["roles"]] == ["moderator"]
    assert data["roles"][0]["municipality"] == settlement.municipality.name
    methods = {row["method"] for row in data["verification"]}
    assert "document" in methods
    json.dumps(data)  # plain JSON all the way down


@pytest.mark.django_db
def test_export_download_is_json_of_the_logged_in_user_only(client, resident):
    other = UserFactory(email="boris@mail.ru", last_name="Борисов", phone="+79990001122")
    DocumentVerificationFactory(user=other, note="чужой документ")
    client.force_login(resident)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    data = json.loads(body)
    assert data["profile"]["email"] == "anna@mail.ru"
    for foreign in ["boris@mail.ru", "Борисов", "+79990001122", "чужой документ"]:
        assert foreign not in body


@pytest.mark.django_db
def test_export_needs_login(client):
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_other_apps_add_sections(resident, monkeypatch):
    monkeypatch.setattr(privacy, "_export_sections", dict(privacy._export_sections))
    privacy.register_export_section("points", lambda user: {"balance": 5, "user": user.pk})
    data = services.personal_data_export(user=resident)
    assert data["points"] == {"balance": 5, "user": resident.pk}


# --- deletion ---


@pytest.mark.django_db
def test_delete_erases_personal_data_and_keeps_the_row(resident, settlement):
    RoleAssignmentFactory(user=resident, role=Role.MODERATOR, municipality=settlement.municipality)
    DocumentVerificationFactory(user=resident)
    pk = resident.pk
    services.account_delete(user=resident, password=DEMO_PASSWORD)

    user = User.objects.get(pk=pk)  # the row stays: public contributions still point at it
    assert user.deleted_at is not None
    assert user.is_active is False
    assert user.email == f"deleted-{pk}@deleted.invalid"
    assert (user.last_name, user.first_name, user.phone) == ("", "", None)
    assert user.settlement is None
    assert user.verified_at is None and user.verification_method == ""
    assert not user.has_usable_password()
    assert user.public_name == "Удалённый пользователь"
    assert not RoleAssignment.objects.filter(user_id=pk).exists()
    assert not Verification.objects.filter(user_id=pk).exists()
    assert authenticate(email="anna@mail.ru", password=DEMO_PASSWORD) is None
    assert user.has_perm("accounts.participate") is False


@pytest.mark.django_db
def test_deleted_address_and_phone_can_register_again(resident, settlement):
    services.account_delete(user=resident, password=DEMO_PASSWORD)
    again = services.user_register(
        last_name="Петрова",
        first_name="Анна",
        settlement=settlement,
        email="anna@mail.ru",
        phone="+79123456789",
        password="Severnoe-Siyanie-42",
        consent=True,
    )
    assert again is not None and again.pk != resident.pk


@pytest.mark.django_db
def test_delete_needs_the_password(resident):
    with pytest.raises(ValidationError) as error:
        services.account_delete(user=resident, password="wrong")
    assert error.value.message_dict == {"password": ["Неверный пароль."]}
    resident.refresh_from_db()
    assert resident.deleted_at is None and resident.email == "anna@mail.ru"


@pytest.mark.django_db
def test_deletion_hook_failure_rolls_everything_back(resident, monkeypatch):
    monkeypatch.setattr(privacy, "_deletion_hooks", dict(privacy._deletion_hooks))

    def broken(user):
        raise RuntimeError("storage is down")

    privacy.register_deletion_hook("zz-broken", broken)
    with pytest.raises(RuntimeError):
        services.account_delete(user=resident, password=DEMO_PASSWORD)
    resident.refresh_from_db()
    assert resident.deleted_at is None and resident.last_name == "Петрова"


@pytest.mark.django_db(transaction=True)
def test_delete_page_logs_out_every_session(resident):
    phone_browser, laptop = Client(), Client()
    phone_browser.force_login(resident)
    laptop.force_login(resident)
    page = laptop.get(reverse("accounts:delete"))
    assert 'autocomplete="current-password"' in page.content.decode()

    wrong = laptop.post(reverse("accounts:delete"), {"password": "wrong"})
    assert wrong.status_code == 200
    assert "Неверный пароль." in wrong.content.decode()

    response = laptop.post(reverse("accounts:delete"), {"password": DEMO_PASSWORD})
    assert response.url == reverse("accounts:deleted")
    for browser in (laptop, phone_browser):
        cabinet = browser.get(reverse("accounts:cabinet"))
        assert cabinet.status_code == 302
        assert cabinet.url.startswith(reverse("accounts:login"))
    assert Session.objects.count() == 0
