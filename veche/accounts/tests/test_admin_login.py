"""The back office's login is under the portal's login limit, and no limit lets parallel guesses
check more passwords than it allows."""

import threading
import time

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client

from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory
from veche.accounts.tests.helpers import without_csrf

ADMIN_LOGIN = "/admin/login/"
PORTAL_LOGIN = "/accounts/login/"
TOO_MANY = "Слишком много попыток. Попробуйте через"


def admin_login(client, email, password, **extra):
    return client.post(ADMIN_LOGIN, {"username": email, "password": password}, **extra)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@mail.ru", is_staff=True, is_superuser=True)


@pytest.mark.django_db
def test_wrong_admin_passwords_are_refused_after_the_limit(client, settings, superuser):
    settings.RATE_LIMIT_LOGIN = "10/300"
    answers = [admin_login(client, superuser.email, f"guess-{n}").status_code for n in range(65)]
    assert answers[:10] == [200] * 10 and set(answers[10:]) == {429}
    blocked = admin_login(client, superuser.email, DEMO_PASSWORD)  # even the right one waits
    assert blocked.status_code == 429
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_limit_per_account_holds_across_addresses_without_enumeration(client, settings):
    settings.RATE_LIMIT_LOGIN = "3/300"
    UserFactory(email="root@mail.ru", is_staff=True, is_superuser=True)
    answers = {}
    for email in ["root@mail.ru", "nobody@mail.ru"]:
        for n in range(3):
            admin_login(client, email, "wrong", REMOTE_ADDR=f"10.0.{len(answers)}.{n}")
        answers[email] = admin_login(client, email, "wrong", REMOTE_ADDR="10.9.9.9")
    existing, missing = answers["root@mail.ru"], answers["nobody@mail.ru"]
    assert existing.status_code == missing.status_code == 429
    assert without_csrf(existing.content.decode()).replace("root@mail.ru", "X") == without_csrf(
        missing.content.decode()
    ).replace("nobody@mail.ru", "X")


@pytest.mark.django_db
def test_admin_and_portal_share_the_limit_and_a_success_does_not_count(client, settings, superuser):
    settings.RATE_LIMIT_LOGIN = "2/300"
    for _ in range(3):
        assert admin_login(client, superuser.email, DEMO_PASSWORD).status_code == 302
        client.logout()
    client.post(PORTAL_LOGIN, {"username": superuser.email, "password": "wrong"})
    admin_login(client, superuser.email, "wrong")
    assert admin_login(client, superuser.email, DEMO_PASSWORD).status_code == 429


@pytest.fixture
def password_checks(monkeypatch):
    """Every password check, slowed down so that parallel attempts overlap during the check."""
    checks = []
    authenticate = ModelBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        checks.append(username)
        time.sleep(0.02)
        return authenticate(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    return checks


@pytest.mark.parametrize("url", [ADMIN_LOGIN, PORTAL_LOGIN])
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_attempts_check_at_most_the_limit(url, settings, password_checks):
    settings.RATE_LIMIT_LOGIN = "10/300"
    UserFactory(email="root@mail.ru", is_staff=True, is_superuser=True)
    barrier = threading.Barrier(40)
    statuses, errors = [], []

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            data = {"username": "root@mail.ru", "password": f"guess-{n}"}
            statuses.append(Client().post(url, data, REMOTE_ADDR=f"10.1.0.{n}").status_code)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(password_checks) == 10
    assert sorted(statuses) == [200] * 10 + [429] * 30
