"""The settings of the version for the visually impaired (ГОСТ Р 52872-2019): size, colour
scheme, images and letter spacing, kept in the preference cookie and shown on every page."""

import pathlib

import pytest
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from veche.core.low_vision import ACCESSIBILITY_COOKIE, LowVision
from veche.core.middleware import AccessibilityMiddleware

pytestmark = pytest.mark.django_db

URL = "/accessibility/"


def _chosen(response) -> LowVision | None:
    return LowVision.from_cookie(response.cookies[ACCESSIBILITY_COOKIE].value)


def test_each_button_of_the_panel_changes_its_setting_and_keeps_the_others(client):
    client.post(URL, {"enable": "1", "next": "/"})
    assert _chosen(client.post(URL, {"size": "3", "next": "/"})) == LowVision(size="3")
    response = client.post(URL, {"scheme": "blue", "next": "/reports/"})
    assert response["Location"] == "/reports/"
    assert _chosen(response) == LowVision(size="3", scheme="blue")
    client.post(URL, {"images": "off"})
    response = client.post(URL, {"spacing": "wide"})
    assert _chosen(response) == LowVision(size="3", scheme="blue", images="off", spacing="wide")
    assert response.cookies[ACCESSIBILITY_COOKIE].value == "3.blue.off.wide"


def test_the_page_carries_the_settings_on_html_and_shows_the_panel(client):
    client.cookies[ACCESSIBILITY_COOKIE] = "3.black.on.wide"
    html = client.get("/").content.decode()
    assert (
        'class="low-vision" data-lv-size="3" data-lv-scheme="black" data-lv-images="on" '
        'data-lv-spacing="wide"'
    ) in html
    assert "core/low-vision.css" in html
    assert 'name="size" value="3" class="lv-option lv-size-3" aria-pressed="true"' in html
    assert 'value="white" class="lv-option lv-scheme-white" aria-pressed="false"' in html
    assert "Цветовая схема" in html


def test_the_panel_is_folded_behind_one_button(client):
    """On a phone the settings would push the page half a screen down: they sit in a <details>,
    closed in the page as sent (a wide screen opens it: core/menu.js and low-vision.css)."""
    client.cookies[ACCESSIBILITY_COOKIE] = "3.black.on.wide"
    html = client.get("/").content.decode()
    band = html[html.index('<section class="lv-band"') : html.index("</section>")]
    assert '<details class="lv-panel" id="lv-panel">' in band  # no `open`
    assert '<summary class="lv-summary">Шрифт, цвета, изображения, интервал</summary>' in band
    details = band[band.index("<details") : band.index("</details>")]
    assert details.count('class="lv-option') == 10 and 'action="/accessibility/"' in details
    assert 'aria-label="Настройки версии для слабовидящих"' in band
    # The main menu's script opens both on a wide screen.
    assert '"site-menu", "lv-panel"' in pathlib.Path(finders.find("core/menu.js")).read_text()


def test_the_normal_version_has_neither_panel_nor_style_sheet(client):
    html = client.get("/").content.decode()
    assert "low-vision.css" not in html
    assert "lv-panel" not in html
    assert "data-lv-" not in html


def test_an_unknown_value_changes_nothing(client):
    client.cookies[ACCESSIBILITY_COOKIE] = "1.black.on.normal"
    response = client.post(URL, {"size": "9", "scheme": "<script>", "next": "/"})
    assert response.cookies[ACCESSIBILITY_COOKIE].value == "1.black.on.normal"


@pytest.mark.parametrize(
    "value", ["", "0", "2.white.on", "4.white.on.normal", "2.red.on.normal", "2.white.on.normal.x"]
)
def test_an_unreadable_cookie_means_the_normal_version(value):
    assert LowVision.from_cookie(value) is None


def test_the_old_single_switch_reads_as_the_default_settings():
    assert LowVision.from_cookie("1") == LowVision(size="2", scheme="white", images="on")


def test_switching_on_starts_from_the_defaults_and_off_clears(client):
    response = client.post(URL, {"enable": "1", "size": "1"})
    assert _chosen(response) == LowVision(size="1")
    response = client.post(URL, {"enable": "0", "size": "3"})
    assert response.cookies[ACCESSIBILITY_COOKIE].value == ""


def _through_middleware(cookie: str, html: str) -> str:
    request = RequestFactory().get("/")
    request.COOKIES[ACCESSIBILITY_COOKIE] = cookie
    response = AccessibilityMiddleware(lambda r: HttpResponse(html))(request)
    return response.content.decode()


PHOTO = (
    '<a href="/m/1.jpg"><img src="/m/1.jpg" alt="Фото &laquo;яма&raquo; &amp; лужа" width="320">'
    '</a><img alt="" src="/deco.png"><IMG SRC="x.png" ALT=\'Схема\'>'
)


def test_images_off_sends_each_images_text_instead_of_the_image():
    html = _through_middleware("2.white.off.normal", PHOTO)
    assert "<img" not in html.lower()
    assert '<a href="/m/1.jpg"><span class="image-off">Фото «яма» &amp; лужа</span></a>' in html
    assert '<span class="image-off">Схема</span>' in html
    assert html.count("image-off") == 2  # the decorative image is simply gone


@pytest.mark.parametrize("cookie", ["", "2.white.on.normal"])
def test_images_on_or_the_normal_version_leave_images_alone(cookie):
    assert _through_middleware(cookie, PHOTO) == PHOTO


def test_images_off_does_not_touch_other_responses():
    request = RequestFactory().get("/")
    request.COOKIES[ACCESSIBILITY_COOKIE] = "2.white.off.normal"
    body = '{"html": "<img alt=\\"x\\">"}'
    response = AccessibilityMiddleware(
        lambda r: HttpResponse(body, content_type="application/json")
    )(request)
    assert response.content.decode() == body


def test_the_toggle_url_is_the_core_one():
    assert reverse("core:low_vision") == URL
