"""The back office's user pages."""

import pytest
from django.urls import reverse

from veche.accounts.admin import UserChangeForm
from veche.accounts.models import User
from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="root@mail.ru"))
    return client


@pytest.mark.django_db
def test_list_search_and_filters(admin_client):
    UserFactory(email="anna@mail.ru", last_name="Петрова")
    UnconfirmedUserFactory(email="boris@mail.ru")
    url = reverse("admin:accounts_user_changelist")
    html = admin_client.get(url, {"q": "Петрова"}).content.decode()
    assert "anna@mail.ru" in html and "boris@mail.ru" not in html
    html = admin_client.get(url, {"confirmed": "no"}).content.decode()
    assert "boris@mail.ru" in html and "anna@mail.ru" not in html
    assert "e-mail подтверждён" in html


@pytest.mark.django_db
def test_add_user_hashes_the_password_and_normalizes_the_phone(admin_client, settlement):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Official@Mail.ru",
            "last_name": "Сидоров",
            "first_name": "Пётр",
            "settlement": settlement.pk,
            "phone": "8 (912) 000-11-22",
            "usable_password": "true",
            "password1": "Kedrovaya-Roshcha-7",
            "password2": "Kedrovaya-Roshcha-7",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.official@mail.ru")
    assert user.phone == "+79120001122"
    assert user.check_password("Kedrovaya-Roshcha-7")
    assert user.password != "Kedrovaya-Roshcha-7"


@pytest.mark.django_db
def test_change_page_renders(admin_client):
    user = UserFactory()
    page = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert page.status_code == 200
    assert "Человек" in page.content.decode()


@pytest.mark.django_db
def test_change_form_normalizes_and_refuses_a_taken_phone():
    UserFactory(phone="+79120001122")
    user = UserFactory()
    data = {
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "settlement": user.settlement_id,
        "phone": "8 912 000-11-22",
        "date_joined": "2026-01-01 10:00:00",
        "is_active": "on",
    }
    form = UserChangeForm(instance=user, data=data)
    assert not form.is_valid()
    assert form.errors["phone"] == ["Этот номер телефона уже зарегистрирован."]

    form = UserChangeForm(instance=user, data={**data, "phone": "8 912 000-11-23"})
    assert form.is_valid(), form.errors
    assert form.save().phone == "+79120001123"


@pytest.mark.django_db
def test_confirming_an_email_in_the_admin_goes_through_the_service_and_is_logged(admin_client):
    from django.contrib.admin.models import LogEntry

    waiting = UnconfirmedUserFactory(email="boris@mail.ru")
    confirmed = UserFactory(email="anna@mail.ru")
    was = confirmed.email_confirmed_at
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "confirm_email", "_selected_action": [waiting.pk, confirmed.pk]},
        follow=True,
    )
    assert "Подтверждено адресов электронной почты: 1." in response.content.decode()
    waiting.refresh_from_db()
    confirmed.refresh_from_db()
    assert waiting.email_confirmed_at is not None
    assert confirmed.email_confirmed_at == was
    (entry,) = LogEntry.objects.filter(object_id=str(waiting.pk))
    assert entry.user.email == "root@mail.ru"


@pytest.mark.django_db
def test_confirmation_and_verification_cannot_be_typed_into_the_change_form(admin_client):
    user = UnconfirmedUserFactory()
    data = {
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "settlement": user.settlement_id,
        "phone": user.phone,
        "is_active": "on",
        "email_confirmed_at_0": "2026-01-01",
        "email_confirmed_at_1": "10:00:00",
        "verified_at_0": "2026-01-01",
        "verified_at_1": "10:00:00",
        "verification_method": "phone",
    }
    response = admin_client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.email_confirmed_at, user.verified_at, user.verification_method) == (None, None, "")
