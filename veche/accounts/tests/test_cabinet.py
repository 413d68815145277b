"""The personal cabinet: profile, verification status, empty sections, data and deletion links."""

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory

PAGES = [
    "accounts:login",
    "accounts:register",
    "accounts:register_done",
    "accounts:resend_confirmation",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:deleted",
    "accounts:privacy",
]
LOGGED_IN_PAGES = [
    "accounts:cabinet",
    "accounts:email_change",
    "accounts:password_change",
    "accounts:delete",
]


@pytest.mark.django_db
def test_cabinet_needs_login(client):
    response = client.get(reverse("accounts:cabinet"))
    assert response.url == f"{reverse('accounts:login')}?next={reverse('accounts:cabinet')}"


@pytest.mark.django_db
def test_cabinet_shows_the_profile_and_the_empty_sections(client, settlement):
    user = UserFactory(
        last_name="Петрова", first_name="Анна", phone="+79123456789", settlement=settlement
    )
    client.force_login(user)
    html = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Петрова Анна" in html
    assert "+7 912 345-67-89" in html
    assert "Сургут" in html
    for heading in ["Мои сообщения", "Мои голоса", "Мои баллы"]:
        assert heading in html
    assert "Вы ещё не отправили ни одного сообщения." in html
    assert "Ваша личность ещё не подтверждена." in html
    assert reverse("accounts:data_export") in html
    assert reverse("accounts:delete") in html
    assert "Подтвердите адрес электронной почты." not in html


@pytest.mark.django_db
def test_cabinet_shows_the_verification_method(client):
    user = UserFactory(verified_at=timezone.now(), verification_method="phone")
    client.force_login(user)
    html = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Ваша личность подтверждена" in html
    assert "код по телефону" in html or "phone code" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_public_pages_render_in_russian(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="ru"' in response.content.decode()
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", LOGGED_IN_PAGES)
def test_own_pages_render(client, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "style=" not in html and "<script>" not in html  # the CSP forbids both


@pytest.mark.django_db
def test_pages_work_in_english_too(client):
    client.cookies["veche_language"] = "en"
    html = client.get(reverse("accounts:register")).content.decode()
    assert "Last name" in html
    assert "I agree to the processing of my personal data" in html


@pytest.mark.django_db
def test_a_module_adds_its_cabinet_section_in_its_order(client, monkeypatch):
    from veche.accounts import cabinet

    monkeypatch.setattr(cabinet, "_sections", dict(cabinet._sections))
    cabinet.register_cabinet_section(
        "ideas", title="Мои идеи", empty_text="Вы ещё не предложили идей.", order=15
    )
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:cabinet")).content.decode()
    headings = [html.index(f'id="cabinet-{slug}"') for slug in ("reports", "ideas", "votes")]
    assert headings == sorted(headings)
    assert "Вы ещё не предложили идей." in html
