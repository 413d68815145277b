"""Registration: the fields the seeds require, consent, nothing half-written, no enumeration."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from veche.accounts import services
from veche.accounts.models import User
from veche.accounts.tests.factories import UserFactory

PASSWORD = "Severnoe-Siyanie-42"


@pytest.fixture
def data(settlement):
    return {
        "last_name": "Петрова",
        "first_name": "Анна",
        "settlement": str(settlement.pk),
        "email": "Anna.Petrova@Mail.ru",
        "phone": "8 (912) 345-67-89",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }


def post(client, data):
    return client.post(reverse("accounts:register"), data)


@pytest.mark.django_db
def test_valid_registration_creates_an_unconfirmed_resident_and_sends_the_link(
    client, data, settlement, on_commit
):
    with on_commit():
        response = post(client, data)
    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    user = User.objects.get()
    assert user.email == "anna.petrova@mail.ru"
    assert (user.last_name, user.first_name) == ("Петрова", "Анна")
    assert user.settlement == settlement
    assert user.phone == "+79123456789"
    assert user.personal_data_consent_at is not None
    assert user.email_confirmed_at is None
    assert user.check_password(PASSWORD)
    [letter] = mail.outbox
    assert letter.to == ["anna.petrova@mail.ru"]
    assert "Подтвердите адрес электронной почты" in letter.subject
    assert "/accounts/confirm/" in letter.body


MISSING = {
    "last_name": "Укажите фамилию.",
    "first_name": "Укажите имя.",
    "settlement": "Выберите свой населённый пункт.",
    "email": "Укажите адрес электронной почты.",
    "phone": "Укажите номер телефона.",
    "password1": "Придумайте пароль.",
    "password2": "Повторите пароль.",
    "consent": "Регистрация возможна только с согласием на обработку персональных данных.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", MISSING)
def test_each_missing_field_is_named_in_russian_and_nothing_is_created(client, data, field):
    data.pop(field)
    response = post(client, data)
    assert response.status_code == 200
    assert MISSING[field] in response.content.decode()
    assert response.context["form"].errors[field] == [MISSING[field]]
    assert User.objects.count() == 0
    assert mail.outbox == []


MALFORMED = [
    ("last_name", "Петров2", "Используйте только буквы"),
    ("first_name", "<b>Анна</b>", "Используйте только буквы"),
    ("settlement", "999999", "Выберите населённый пункт из списка."),
    ("settlement", "Сургут", "Выберите населённый пункт из списка."),
    ("email", "anna@", "Введите правильный адрес электронной почты"),
    ("email", "anna petrova@mail.ru", "Введите правильный адрес электронной почты"),
    ("email", "deleted-1@deleted.invalid", "Введите правильный адрес электронной почты"),
    ("phone", "12345", "Введите российский номер"),
    ("phone", "+7 701 123 4567", "Введите российский номер"),
    ("password1", "Ab1!x", "Введённый пароль слишком короткий"),
    ("password1", "1234567890123", "Введённый пароль состоит только из цифр"),
    ("consent", "", "Регистрация возможна только с согласием"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "message"), MALFORMED)
def test_each_malformed_field_is_explained_in_russian_and_nothing_is_created(
    client, data, field, value, message
):
    data[field] = value
    if field == "password1":
        data["password2"] = value
    response = post(client, data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_mismatched_passwords(client, data):
    data["password2"] = PASSWORD + "x"
    response = post(client, data)
    assert response.context["form"].errors["password2"] == ["Пароли не совпадают."]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_password_like_the_name_is_refused(client, data):
    data["password1"] = data["password2"] = "anna.petrova"
    response = post(client, data)
    assert "password1" in response.context["form"].errors
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_errors_are_linked_to_their_fields_for_screen_readers(client, data):
    data.pop("email")
    html = post(client, data).content.decode()
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_email">' in html  # the error summary links to the field
    assert "<title>Ошибка:" in html


@pytest.mark.django_db
def test_duplicate_email_looks_like_success_and_warns_the_owner(client, data, on_commit):
    owner = UserFactory(email="anna.petrova@mail.ru", phone="+79990000000")
    with on_commit():
        response = post(client, data)
    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    assert User.objects.count() == 1
    [letter] = mail.outbox
    assert letter.to == [owner.email]
    assert "пытался зарегистрироваться" in letter.body
    assert "/accounts/password/reset/" in letter.body  # a link to set a new password


@pytest.mark.django_db
def test_duplicate_phone_looks_like_success_and_tells_the_new_address(client, data, on_commit):
    UserFactory(email="someone@mail.ru", phone="+79123456789")
    with on_commit():
        response = post(client, data)
    assert response.status_code == 302
    assert User.objects.count() == 1
    [letter] = mail.outbox
    assert letter.to == ["anna.petrova@mail.ru"]
    assert "принадлежит другой учётной записи" in letter.body


@pytest.mark.django_db
@pytest.mark.parametrize("taken", ["email", "phone", None])
def test_a_taken_address_costs_the_same_password_hashing(settlement, monkeypatch, taken):
    # Hashing is the slow part of registering; skipping it for a taken address or phone would let
    # the response time tell whether someone is registered.
    if taken:
        UserFactory(
            email="anna@mail.ru" if taken == "email" else "x@mail.ru",
            phone="+79123456789" if taken == "phone" else "+79990000000",
        )
    calls = []
    real = services.make_password
    monkeypatch.setattr(services, "make_password", lambda raw: calls.append(raw) or real(raw))
    services.user_register(
        last_name="Петрова",
        first_name="Анна",
        settlement=settlement,
        email="anna@mail.ru",
        phone="+79123456789",
        password=PASSWORD,
        consent=True,
    )
    assert calls == [PASSWORD]


@pytest.mark.django_db
def test_the_service_rejects_missing_consent_itself(settlement):
    with pytest.raises(ValidationError) as error:
        services.user_register(
            last_name="Петрова",
            first_name="Анна",
            settlement=settlement,
            email="anna@mail.ru",
            phone="89123456789",
            password=PASSWORD,
            consent=False,
        )
    assert "consent" in error.value.message_dict
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_the_service_collects_every_error_at_once():
    with pytest.raises(ValidationError) as error:
        services.user_register(
            last_name="",
            first_name="1",
            settlement=None,
            email="x",
            phone="y",
            password="1",
            consent=False,
        )
    assert set(error.value.message_dict) == {
        "last_name",
        "first_name",
        "settlement",
        "email",
        "phone",
        "password",
        "consent",
    }


@pytest.mark.django_db
def test_settlements_are_grouped_by_municipality(client, settlement):
    html = client.get(reverse("accounts:register")).content.decode()
    assert f'<optgroup label="{settlement.municipality.name}">' in html
    for autocomplete in ["family-name", "given-name", "email", "tel", "new-password"]:
        assert f'autocomplete="{autocomplete}"' in html


@pytest.mark.django_db
def test_logged_in_user_is_sent_to_the_cabinet(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:register")).url == reverse("accounts:cabinet")
