"""Login by e-mail, logout, and rate limits that slow guessing without telling who exists."""

import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from veche.accounts.models import User
from veche.accounts.tests.factories import DEMO_PASSWORD, UnconfirmedUserFactory, UserFactory
from veche.accounts.tests.helpers import without_csrf

LOGIN = "/accounts/login/"
GENERIC = "Неверный адрес электронной почты, телефон или пароль."


def window_start(window: int) -> datetime:
    """The start of the next fixed window, so that the minutes left are predictable."""
    now = int(time.time())
    return datetime.fromtimestamp(now - now % window + window, tz=UTC)


def login(client, email, password=DEMO_PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


@pytest.mark.django_db
def test_login_with_any_case_of_the_address(client):
    user = UserFactory(email="anna@mail.ru")
    response = login(client, "  Anna@Mail.RU ")
    assert response.status_code == 302
    assert response.url == reverse("accounts:cabinet")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_unconfirmed_resident_may_log_in_but_sees_the_reminder(client):
    UnconfirmedUserFactory(email="new@mail.ru")
    response = login(client, "new@mail.ru", follow=True)
    assert response.wsgi_request.user.is_authenticated
    assert "Подтвердите адрес электронной почты." in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_and_unknown_address_get_the_same_answer(client):
    UserFactory(email="anna@mail.ru")
    wrong = login(client, "anna@mail.ru", "not-the-password")
    unknown = login(client, "nobody@mail.ru", "not-the-password")
    assert wrong.status_code == unknown.status_code == 200
    assert GENERIC in wrong.content.decode()
    assert without_csrf(wrong.content.decode()).replace("anna@mail.ru", "X") == without_csrf(
        unknown.content.decode()
    ).replace("nobody@mail.ru", "X")


@pytest.mark.django_db
def test_deleted_or_deactivated_account_cannot_log_in(client):
    UserFactory(email="gone@mail.ru", is_active=False)
    response = login(client, "gone@mail.ru")
    assert GENERIC in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_page_is_a_plain_accessible_form(client):
    html = client.get(LOGIN).content.decode()
    assert '<label for="id_username">Электронная почта или телефон</label>' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'type="text" name="username"' in html  # a phone number is welcome too


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["+79221112233", "8 (922) 111-22-33", "9221112233"])
def test_login_with_the_phone_in_any_notation(client, typed):
    user = UserFactory(phone="+79221112233")
    response = login(client, typed)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_an_unknown_phone_gets_the_same_answer_as_a_wrong_password(client):
    UserFactory(phone="+79221112233")
    wrong = login(client, "+79221112233", "not-the-password")
    unknown = login(client, "+79229990000", "not-the-password")
    assert GENERIC in wrong.content.decode() and GENERIC in unknown.content.decode()
    assert wrong.status_code == unknown.status_code == 200


@pytest.mark.django_db
def test_the_phone_and_the_address_share_one_counter(client, settings):
    """Naming the account by its phone, in whatever notation, buys no extra guesses."""
    settings.RATE_LIMIT_LOGIN = "3/300"
    user = UserFactory(email="anna@mail.ru", phone="+79221112233")
    with time_machine.travel(window_start(300), tick=False):
        for typed in ("anna@mail.ru", "8 922 111-22-33", "+7 (922) 111 22 33"):
            client.cookies.clear()
            login(client, typed, "wrong", REMOTE_ADDR=f"10.0.0.{len(typed)}")
        response = login(client, "89221112233", REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.is_active


# --- rate limits ---


@pytest.mark.django_db
def test_too_many_failures_from_one_address_get_429_and_the_attempt_is_not_processed(
    client, settings
):
    settings.RATE_LIMIT_LOGIN = "3/300"
    user = UserFactory(email="anna@mail.ru")
    with time_machine.travel(window_start(300), tick=False):
        for n in range(3):
            assert login(client, f"guess{n}@mail.ru", "wrong").status_code == 200
        # The right password no longer helps while the window lasts: nothing is checked at all.
        response = login(client, user.email)
    assert response.status_code == 429
    assert "Слишком много попыток. Попробуйте через 5 минут." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_limit_lifts_when_the_window_ends(client, settings):
    settings.RATE_LIMIT_LOGIN = "2/60"
    user = UserFactory(email="anna@mail.ru")
    with time_machine.travel(window_start(60), tick=False) as traveller:
        login(client, user.email, "wrong")
        login(client, user.email, "wrong")
        blocked = login(client, user.email)
        assert blocked.status_code == 429
        assert "Попробуйте через 1 минуту." in blocked.content.decode()
        traveller.shift(61)
        assert login(client, user.email).status_code == 302


@pytest.mark.django_db
def test_per_account_limit_holds_across_client_addresses_without_enumeration(client, settings):
    settings.RATE_LIMIT_LOGIN = "3/300"
    UserFactory(email="anna@mail.ru")
    answers = {}
    for email in ["anna@mail.ru", "nobody@mail.ru"]:
        for n in range(3):
            login(client, email, "wrong", REMOTE_ADDR=f"10.0.{len(answers)}.{n}")
        answers[email] = login(client, email, "wrong", REMOTE_ADDR="10.9.9.9")
    existing, missing = answers["anna@mail.ru"], answers["nobody@mail.ru"]
    assert existing.status_code == missing.status_code == 429
    assert without_csrf(existing.content.decode()).replace("anna@mail.ru", "X") == without_csrf(
        missing.content.decode()
    ).replace("nobody@mail.ru", "X")


@pytest.mark.django_db
def test_successful_logins_do_not_count(client, settings):
    settings.RATE_LIMIT_LOGIN = "2/300"
    user = UserFactory()
    for _ in range(4):
        assert login(client, user.email).status_code == 302
        client.logout()


@pytest.mark.django_db
def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(client, settings):
    settings.RATE_LIMIT_LOGIN = "2/300"
    for n in range(2):
        login(client, f"a{n}@mail.ru", "x", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # Same REMOTE_ADDR, forged header: still the same client.
    assert login(client, "b@mail.ru", "x", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429

    settings.TRUSTED_PROXY_COUNT = 1
    assert login(client, "c@mail.ru", "x", HTTP_X_FORWARDED_FOR="192.0.2.100").status_code == 200


@pytest.mark.django_db
def test_registration_is_rate_limited(client, settings, settlement):
    settings.RATE_LIMIT_REGISTER = "1/3600"
    with time_machine.travel(window_start(3600), tick=False):
        data = {
            "last_name": "Петрова",
            "first_name": "Анна",
            "settlement": str(settlement.pk),
            "email": "anna@mail.ru",
            "phone": "89123456789",
            "password1": "Severnoe-Siyanie-42",
            "password2": "Severnoe-Siyanie-42",
            "consent": "on",
        }
        assert client.post(reverse("accounts:register"), data).status_code == 302
        data.update(email="boris@mail.ru", phone="89123456780")
        response = client.post(reverse("accounts:register"), data)
        assert response.status_code == 429
        assert "Слишком много попыток. Попробуйте через 60 минут." in response.content.decode()
        assert response.context["form"]["email"].value() == "boris@mail.ru"
        assert "Severnoe" not in response.content.decode()  # passwords are not echoed back
        assert list(User.objects.values_list("email", flat=True)) == ["anna@mail.ru"]
