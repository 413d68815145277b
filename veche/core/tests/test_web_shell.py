"""The web shell without a browser: language, the version for the visually impaired, error pages,
and the admin's titles."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from veche.core.low_vision import ACCESSIBILITY_COOKIE, LowVision

pytestmark = pytest.mark.django_db


def test_home_is_russian_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="ru"' in html
    assert "Перейти к основному содержанию" in html
    assert "Сообщить о проблеме" in html


def test_browser_language_does_not_override_russian(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="ru"' in html


def test_language_switch_sets_a_lasting_cookie_and_english_follows(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html


def test_unknown_language_cookie_falls_back_to_russian(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="ru"' in client.get("/").content.decode()


def test_low_vision_toggle_sets_and_clears_the_cookie(client):
    response = client.post(reverse("core:low_vision"), {"enable": "1", "next": "/"})
    assert response.status_code == 302
    assert LowVision.from_cookie(response.cookies[ACCESSIBILITY_COOKIE].value) == LowVision()
    assert int(response.cookies[ACCESSIBILITY_COOKIE]["max-age"]) >= 300 * 24 * 3600
    html = client.get("/").content.decode()
    assert 'class="low-vision"' in html
    assert "Обычная версия" in html

    response = client.post(reverse("core:low_vision"), {"enable": "0", "next": "/"})
    assert response.cookies[ACCESSIBILITY_COOKIE].value == ""
    assert 'class="low-vision"' not in client.get("/").content.decode()


def test_low_vision_toggle_is_post_only(client):
    assert client.get(reverse("core:low_vision")).status_code == 405


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", ""])
def test_low_vision_toggle_never_redirects_off_site(client, target):
    response = client.post(reverse("core:low_vision"), {"enable": "1", "next": target})
    assert response["Location"] == "/"


def test_toggle_returns_to_the_page_it_was_pressed_on(client):
    response = client.post(reverse("core:low_vision"), {"enable": "1", "next": "/admin/?x=1"})
    assert response["Location"] == "/admin/?x=1"


def test_not_found_page_is_the_portal_page_in_russian(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Страница не найдена" in html
    assert "Перейти к основному содержанию" in html  # the full layout, skip link included


def test_server_error_page_stands_alone_in_russian():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Ошибка сервера" in html


def test_admin_titles_name_the_portal_in_russian(client):
    html = client.get("/admin/login/").content.decode()
    assert "Вече — управление порталом" in html
    assert "<h1>Войти</h1>" in html


def test_admin_index_lists_every_registered_app(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Управление порталом" in html
    app_labels = {model._meta.app_label for model in admin.site._registry}
    for app_label in app_labels:
        assert f'href="/admin/{app_label}/"' in html, app_label
    # A third-party app without a Russian catalogue is named in Russian too.
    assert "Фоновые задачи" in html
    assert "Результаты задач" in html


def test_preference_cookies_carry_the_same_flags_secure_in_production(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True  # as veche/settings/production.py sets it
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"}).cookies[
        settings.LANGUAGE_COOKIE_NAME
    ]
    low_vision = client.post(reverse("core:low_vision"), {"enable": "1", "next": "/"}).cookies[
        ACCESSIBILITY_COOKIE
    ]
    cleared = client.post(reverse("core:low_vision"), {"enable": "0", "next": "/"}).cookies[
        ACCESSIBILITY_COOKIE
    ]
    for cookie in (language, low_vision):
        assert cookie["secure"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["httponly"] is True
        assert cookie["path"] == "/"
    assert cleared["samesite"] == "Lax"
