"""Addresses on the reserved domains (a caller made by phone, a client application) receive no
mail: no account letter is sent to one, and the cabinet does not show one as the person's."""

import pytest
from django.core import mail
from django.utils import timezone

from veche.accounts.services import account_create_passwordless
from veche.accounts.tasks import queue_email
from veche.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed_caller():
    caller = account_create_passwordless(phone="+79221112233")
    caller.email_confirmed_at = timezone.now()  # as the claim by phone leaves it
    caller.save()
    return caller


def test_no_letter_goes_to_a_reserved_address(claimed_caller):
    resident = UserFactory(email="anna@mail.ru")
    queue_email(kind="email_changed", user=resident, old_email=claimed_caller.email)
    queue_email(kind="password_reset", user=claimed_caller)
    assert mail.outbox == []
    queue_email(kind="password_reset", user=resident)
    assert [m.to for m in mail.outbox] == [["anna@mail.ru"]]


def test_the_cabinet_offers_to_add_an_address_instead_of_showing_the_reserved_one(
    client, claimed_caller
):
    client.force_login(claimed_caller)
    html = client.get("/accounts/cabinet/").content.decode()
    assert claimed_caller.email not in html
    assert "не указана: вы входите по номеру телефона" in html
    assert "Указать адрес электронной почты" in html
