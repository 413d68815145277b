"""Accounts made for a resident by someone else (an Open311 client, the contact centre): no known
password, e-mail unconfirmed; the resident claims one through a password reset, which confirms the
e-mail too."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from veche.accounts import services
from veche.accounts.models import User
from veche.accounts.tests.factories import UserFactory
from veche.accounts.tests.helpers import links_in_last_mail, path_of

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kedrovaya-Roshcha-7"


def test_a_new_address_gets_an_unconfirmed_account_nobody_can_log_in_to(client):
    user = services.account_create_passwordless(
        email=" Petr@Mail.ru ", first_name="Пётр", last_name="Сидоров"
    )
    assert (user.email, user.first_name, user.last_name) == ("petr@mail.ru", "Пётр", "Сидоров")
    assert user.email_confirmed_at is None
    assert user.has_usable_password()  # random: the reset link must reach it
    assert not client.login(username="petr@mail.ru", password="")


def test_a_known_address_gives_the_existing_account_unchanged():
    anna = UserFactory(email="anna@mail.ru", first_name="Анна")
    found = services.account_create_passwordless(email="ANNA@mail.ru", first_name="Пётр")
    assert found == anna
    anna.refresh_from_db()
    assert anna.first_name == "Анна"
    assert User.objects.count() == 1


@pytest.mark.parametrize("email", ["", "not-an-address", "x@host.invalid"])
def test_an_address_that_receives_no_mail_is_refused_and_nothing_is_created(email):
    with pytest.raises(ValidationError) as error:
        services.account_create_passwordless(email=email, first_name="Пётр")
    assert "email" in error.value.message_dict
    assert not User.objects.exists()


def test_names_that_are_not_names_give_way_to_the_neutral_one():
    user = services.account_create_passwordless(
        email="x@mail.ru", first_name="<b>1234</b>", last_name="http://spam"
    )
    assert (user.first_name, user.last_name) == ("Житель", "")


def test_the_resident_claims_the_account_by_a_password_reset_which_confirms_the_email(client):
    user = services.account_create_passwordless(email="petr@mail.ru", first_name="Пётр")
    response = client.post(reverse("accounts:password_reset"), {"email": "petr@mail.ru"})
    assert response.url == reverse("accounts:password_reset_done")
    [letter] = mail.outbox
    assert letter.to == ["petr@mail.ru"]
    [link] = links_in_last_mail()
    form_page = client.get(path_of(link), follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.wsgi_request.path,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.email_confirmed_at is not None
    assert client.login(username="petr@mail.ru", password=NEW_PASSWORD)


def test_an_integration_account_is_confirmed_cannot_log_in_and_is_made_once():
    account = services.account_create_for_integration(name="Городское приложение")
    assert account.email.endswith("@integrations.veche.invalid")
    assert account.email_confirmed_at is not None
    assert not account.has_usable_password()
    assert services.account_create_for_integration(name="Городское приложение") == account
