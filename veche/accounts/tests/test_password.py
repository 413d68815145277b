"""Passwords: argon2 hashing, reset by an e-mailed link, change from the cabinet."""

import pytest
from django.core import mail
from django.urls import reverse

from veche.accounts import services
from veche.accounts.models import User
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory
from veche.accounts.tests.helpers import links_in_last_mail, path_of, without_csrf

NEW_PASSWORD = "Kedrovaya-Roshcha-7"


@pytest.mark.django_db
def test_registered_password_is_hashed_with_argon2(settings, settlement):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = services.user_register(
        last_name="Петрова",
        first_name="Анна",
        settlement=settlement,
        email="anna@mail.ru",
        phone="89123456789",
        password=NEW_PASSWORD,
        consent=True,
    )
    stored = User.objects.get(pk=user.pk).password
    assert stored.startswith("argon2")
    assert NEW_PASSWORD not in stored


@pytest.mark.django_db
def test_reset_by_the_link_in_the_mail(client, on_commit):
    user = UserFactory(email="anna@mail.ru")
    with on_commit():
        response = client.post(reverse("accounts:password_reset"), {"email": "Anna@mail.ru"})
    assert response.url == reverse("accounts:password_reset_done")
    [letter] = mail.outbox
    assert letter.to == ["anna@mail.ru"]
    assert "Восстановление пароля" in letter.subject
    [link] = links_in_last_mail()
    # Django's confirm view swaps the token for a session marker, then shows the form.
    form_page = client.get(path_of(link), follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.wsgi_request.path,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Used once: the same link no longer works.
    assert client.get(path_of(link), follow=True).context["validlink"] is False


@pytest.mark.django_db
def test_reset_page_does_not_tell_whether_the_address_exists(client, on_commit):
    UserFactory(email="anna@mail.ru")
    answers = []
    for email in ["anna@mail.ru", "nobody@mail.ru"]:
        with on_commit():
            response = client.post(reverse("accounts:password_reset"), {"email": email})
        answers.append((response.status_code, response.url))
    assert answers[0] == answers[1]
    assert [m.to for m in mail.outbox] == [["anna@mail.ru"]]


@pytest.mark.django_db
def test_reset_requests_are_rate_limited(client, settings):
    settings.RATE_LIMIT_REGISTER = "2/3600"
    for _ in range(2):
        client.post(reverse("accounts:password_reset"), {"email": "x@mail.ru"})
    response = client.post(reverse("accounts:password_reset"), {"email": "x@mail.ru"})
    assert response.status_code == 429
    assert "Слишком много попыток." in without_csrf(response.content.decode())


@pytest.mark.django_db
def test_change_password_from_the_cabinet(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.url == reverse("accounts:cabinet")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:cabinet")).status_code == 200  # still logged in


@pytest.mark.django_db
def test_change_password_needs_the_old_one(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
