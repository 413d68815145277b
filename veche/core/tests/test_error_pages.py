"""The error pages: 403 in the base layout with the refusal's reason, in the reader's language
(a resident opening /staff/ used to get Django's bare English "403 Forbidden"); JSON under the
API; an expired CSRF token gets the same page; 400 stands alone like 500."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request

pytestmark = pytest.mark.django_db

SKIP_LINK_RU = "Перейти к основному содержанию"


@pytest.fixture
def resident(client):
    user = get_user_model().objects.create_user(
        email="resident@example.org", password="x", last_name="Петров", first_name="Иван"
    )
    client.force_login(user)
    return user


def test_a_resident_opening_the_staff_pages_gets_the_russian_403_page(client, resident):
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Доступ запрещён</h1>" in html
    assert "Вам нельзя это делать." in html  # the general reason: the view gave none
    assert SKIP_LINK_RU in html and 'class="site-header"' in html  # the whole base layout
    assert "Forbidden" not in html


def test_the_403_page_follows_the_language_switch(client, resident, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "<h1>Access denied</h1>" in html and "You may not do this." in html
    assert "Skip to main content" in html


def test_the_403_page_says_the_services_reason(client, resident):
    # Verification refuses an unconfirmed e-mail with its own words, now on the shared page.
    resident.email_confirmed_at = None
    resident.save()
    response = client.post(reverse("verification:phone_start"), {"phone": ""})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Доступ запрещён</h1>" in html
    assert "подтвердите адрес электронной почты" in html


def test_an_expired_csrf_token_gets_the_translated_403_page(resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = client.post(reverse("core:low_vision"), {"enable": "1"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Доступ запрещён</h1>" in html
    assert "Форма устарела" in html
    assert "CSRF verification failed" not in html


def test_api_errors_stay_json(client, resident):
    response = client.get("/api/v1/no-such-operation")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Не найдено."}
    # An operation's own answer keeps the API's body.
    response = client.get("/api/v1/reports/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}


def test_the_bad_request_page_stands_alone_in_russian():
    response = bad_request(RequestFactory().get("/"), SuspiciousOperation())
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Некорректный запрос" in html
