"""Change of e-mail: the new address is confirmed by link before it replaces the old one."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from veche.accounts.models import User
from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory
from veche.accounts.tests.helpers import links_in_last_mail, path_of

URL = "/accounts/email/change/"


@pytest.fixture
def user(client):
    user = UserFactory(email="old@mail.ru")
    client.force_login(user)
    return user


def request_change(client, on_commit, new_email="New@Mail.ru", password=DEMO_PASSWORD):
    with on_commit():
        return client.post(URL, {"new_email": new_email, "password": password})


@pytest.mark.django_db
def test_new_address_replaces_the_old_only_after_confirmation(client, user, on_commit):
    response = request_change(client, on_commit)
    assert response.status_code == 200
    assert "new@mail.ru" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "old@mail.ru"
    [letter] = mail.outbox
    assert letter.to == ["new@mail.ru"]

    with on_commit():
        response = client.get(path_of(links_in_last_mail()[0]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "new@mail.ru"
    assert user.email_confirmed_at is not None
    # The old address is told, and sees only a masked new one.
    notice = mail.outbox[-1]
    assert notice.to == ["old@mail.ru"]
    assert "n***@mail.ru" in notice.body
    assert "new@mail.ru" not in notice.body


@pytest.mark.django_db
def test_change_link_works_once(client, user, on_commit):
    request_change(client, on_commit)
    link = path_of(links_in_last_mail()[0])
    client.get(link)
    response = client.get(link)
    assert response.status_code == 400
    assert "Этой ссылкой уже воспользовались" in response.content.decode()


@pytest.mark.django_db
def test_change_link_expires(client, user, on_commit):
    request_change(client, on_commit)
    link = path_of(links_in_last_mail()[0])
    with time_machine.travel(timezone.now() + timezone.timedelta(days=4)):
        response = client.get(link)
    assert "Срок действия ссылки истёк." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "old@mail.ru"


@pytest.mark.django_db
def test_wrong_password_changes_nothing(client, user, on_commit):
    response = request_change(client, on_commit, password="wrong")
    assert response.context["form"].errors["password"] == ["Неверный пароль."]
    assert mail.outbox == []


@pytest.mark.django_db
def test_taken_address_gets_a_notice_and_the_requester_the_usual_page(client, user, on_commit):
    UserFactory(email="taken@mail.ru")
    response = request_change(client, on_commit, new_email="taken@mail.ru")
    assert response.status_code == 200
    assert "taken@mail.ru" in response.content.decode()
    [letter] = mail.outbox
    assert letter.to == ["taken@mail.ru"]
    assert "ничего не изменено" in letter.body
    assert User.objects.get(pk=user.pk).email == "old@mail.ru"


@pytest.mark.django_db
def test_address_taken_between_request_and_confirmation(client, user, on_commit):
    request_change(client, on_commit)
    link = path_of(links_in_last_mail()[0])
    UserFactory(email="new@mail.ru")
    response = client.get(link)
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).email == "old@mail.ru"


@pytest.mark.django_db
def test_same_and_malformed_addresses_are_refused(client, user, on_commit):
    same = request_change(client, on_commit, new_email="OLD@mail.ru")
    assert same.context["form"].errors["new_email"] == ["Это и так ваш адрес электронной почты."]
    bad = request_change(client, on_commit, new_email="new@")
    assert "Введите правильный адрес" in bad.context["form"].errors["new_email"][0]


@pytest.mark.django_db
def test_page_needs_login(client):
    response = client.get(reverse("accounts:email_change"))
    assert response.url.startswith(reverse("accounts:login"))
