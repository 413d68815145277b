"""E-mail confirmation: the link from the e-mail works once, expires, and gates participation."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from veche.accounts import services
from veche.accounts.models import User
from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.accounts.tests.helpers import links_in_last_mail, path_of, without_csrf
from veche.accounts.tokens import make_confirm_token


@pytest.fixture
def registered(settlement, on_commit):
    with on_commit():
        user = services.user_register(
            last_name="Петрова",
            first_name="Анна",
            settlement=settlement,
            email="anna@mail.ru",
            phone="+79123456789",
            password="Severnoe-Siyanie-42",
            consent=True,
        )
    return user


@pytest.mark.django_db
def test_link_from_the_mail_confirms_once(client, registered):
    [link] = links_in_last_mail()
    response = client.get(path_of(link))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    registered.refresh_from_db()
    assert registered.email_confirmed_at is not None
    confirmed_at = registered.email_confirmed_at

    again = client.get(path_of(link), follow=True)
    assert "Ваш адрес электронной почты уже подтверждён." in again.content.decode()
    registered.refresh_from_db()
    assert registered.email_confirmed_at == confirmed_at


@pytest.mark.django_db
def test_unconfirmed_resident_cannot_participate_until_he_confirms(client, registered):
    assert registered.has_perm("accounts.participate") is False
    client.get(path_of(links_in_last_mail()[0]))
    user = User.objects.get(pk=registered.pk)
    assert user.has_perm("accounts.participate") is True


@pytest.mark.django_db
def test_expired_link_offers_to_send_a_new_one(client, registered, on_commit):
    [link] = links_in_last_mail()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=3, minutes=1)):
        response = client.get(path_of(link))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Срок действия ссылки истёк." in html
    assert reverse("accounts:resend_confirmation") in html
    registered.refresh_from_db()
    assert registered.email_confirmed_at is None

    with on_commit():
        client.post(reverse("accounts:resend_confirmation"), {"email": "anna@mail.ru"})
    assert len(mail.outbox) == 2
    client.get(path_of(links_in_last_mail()[0]))
    registered.refresh_from_db()
    assert registered.email_confirmed_at is not None


@pytest.mark.django_db
def test_tampered_link_is_refused_kindly(client, registered):
    [link] = links_in_last_mail()
    response = client.get(path_of(link).replace("/confirm/", "/confirm/x"))
    assert response.status_code == 400
    assert "Эта ссылка недействительна." in response.content.decode()


@pytest.mark.django_db
def test_a_token_for_another_address_does_not_confirm(client):
    user = UnconfirmedUserFactory()
    token = make_confirm_token(user_id=user.pk, email="other@mail.ru")
    response = client.get(reverse("accounts:confirm_email", args=[token]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed_at is None


@pytest.mark.django_db
def test_resend_says_the_same_for_unknown_and_known_addresses(client, on_commit):
    UnconfirmedUserFactory(email="waiting@mail.ru")
    UserFactory(email="done@mail.ru")
    pages = []
    for email in ["waiting@mail.ru", "done@mail.ru", "nobody@mail.ru"]:
        with on_commit():
            response = client.post(reverse("accounts:resend_confirmation"), {"email": email})
        pages.append(without_csrf(response.content.decode()).replace(email, "EMAIL"))
    assert pages[0] == pages[1] == pages[2]
    assert [m.to for m in mail.outbox] == [["waiting@mail.ru"]]


@pytest.mark.django_db
def test_cabinet_reminds_an_unconfirmed_resident_and_resends(client, on_commit):
    user = UnconfirmedUserFactory()
    client.force_login(user)
    html = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Подтвердите адрес электронной почты." in html
    with on_commit():
        client.post(reverse("accounts:resend_own_confirmation"))
    assert mail.outbox[-1].to == [user.email]
