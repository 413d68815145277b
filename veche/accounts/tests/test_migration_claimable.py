"""0003: accounts made for residents by the first Open311 release (an unusable password, which
Django's password reset skips) become claimable by the reset link; nothing else changes."""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail

from veche.accounts.models import User
from veche.accounts.services import account_create_for_integration
from veche.accounts.tests.factories import StaffUserFactory, UserFactory

migration = importlib.import_module(
    "veche.accounts.migrations.0003_claimable_accounts_made_for_residents"
)

pytestmark = pytest.mark.django_db


def old_open311_resident(email: str) -> User:
    """As `resident_for_contact` made them before: no usable password, e-mail unconfirmed."""
    user = User(email=email, first_name="Пётр", last_name="")
    user.set_unusable_password()
    user.save()
    return user


def reset_letters(client, email: str) -> list:
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": email})
    return [m for m in mail.outbox if m.to == [email]]


def test_an_old_open311_resident_claims_his_account_after_the_migration(client):
    resident = old_open311_resident("petr@mail.ru")
    assert reset_letters(client, "petr@mail.ru") == []  # the claim did not work before

    migration.make_claimable(apps, None)

    resident.refresh_from_db()
    assert resident.has_usable_password() and resident.email_confirmed_at is None
    (letter,) = reset_letters(client, "petr@mail.ru")
    link = re.search(r"/accounts/password/reset/[^/\s]+/[^/\s]+/", letter.body).group(0)
    form = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form, {"new_password1": "Tayozhnyi-Les-77", "new_password2": "Tayozhnyi-Les-77"})
    resident.refresh_from_db()
    assert resident.check_password("Tayozhnyi-Les-77") and resident.email_confirmed_at is not None


def test_accounts_that_are_not_old_residents_keep_their_passwords():
    integration = account_create_for_integration(name="Городское приложение")
    staff = StaffUserFactory()
    staff.set_unusable_password()
    staff.save()
    active_resident = old_open311_resident("used@mail.ru")
    User.objects.filter(pk=active_resident.pk).update(last_login="2026-01-01T00:00:00Z")
    resident = UserFactory()  # registered with his own password
    before = dict(User.objects.values_list("pk", "password"))

    migration.make_claimable(apps, None)

    assert dict(User.objects.values_list("pk", "password")) == before
    assert not User.objects.get(pk=integration.pk).has_usable_password()
    assert User.objects.get(pk=resident.pk).check_password("demo-password")
