"""In Chromium: the new public pages and the editors' pages have 0 axe-core violations; the
portal is installable (no installability error through CDP) and shows its offline page with the
network cut."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from veche.content.models import ContentEditor

from ..factories import (
    EventFactory,
    KbEntryFactory,
    MaterialFactory,
    NewsFactory,
    PageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def content(world):
    top = PageFactory(slug="nasha-yugra", title="Наша Югра", lead="О регионе.")
    PageFactory(parent=top, slug="istoriya", title="История", byline="Анна Вершинина, историк")
    first = KbEntryFactory(question="Как подать сообщение?")
    first.related.add(KbEntryFactory(question="Сколько ждать ответа?", category=first.category))
    return {
        "news": NewsFactory(title="Открыт приём заявок", theme=ThemeFactory(name="Бюджет")),
        "kb": first,
        "event": EventFactory(title="Публичные слушания", municipality=world.surgut),
        "material": MaterialFactory(title="Сборник лучших практик"),
    }


def _as(new_page, live_server, user=None):
    page = new_page(language="ru")
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return page


def test_public_pages_are_axe_clean(new_page, live_server, axe_check, content):
    page = _as(new_page, live_server)
    paths = [
        "/news/",
        f"/news/{content['news'].pk}/",
        "/about/",
        "/about/nasha-yugra/",
        "/about/nasha-yugra/istoriya/",
        "/materials/",
        f"/materials/{content['material'].pk}/",
        "/help/",
        f"/help/{content['kb'].pk}/",
        "/events/",
        "/events/month/",
        f"/events/{content['event'].pk}/",
        "/offline/",
    ]
    for path in paths:
        assert page.goto(live_server.url + path).status == 200, path
        axe_check(page)


def test_editors_pages_are_axe_clean(new_page, live_server, axe_check, content, world):
    ContentEditor.objects.create(user=world.surgut_admin, municipality=world.surgut)
    page = _as(new_page, live_server, world.regional_admin)
    news = content["news"]
    for path in [
        "/content/work/news/",
        "/content/work/news/new/",
        f"/content/work/news/{news.pk}/",
        "/content/work/kb/",
        "/content/work/event/new/",
        "/content/work/editors/",
        "/content/work/open-government/",
        f"/content/work/open-government/{world.surgut.pk}/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        axe_check(page)
    page.goto(live_server.url + "/content/work/news/new/")
    page.click("button[type=submit]")  # empty form: the error summary
    axe_check(page)
    page.goto(live_server.url + f"/content/work/open-government/{world.surgut.pk}/")
    page.get_by_role("button", name="Сохранить").click()  # no date: the error summary
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    page.get_by_label("Участвует с").fill("2016-03-01")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("link", name="Изменить Сургут")).to_be_visible()  # the list again
    axe_check(page)


def test_the_portal_installs_and_works_offline(new_page, live_server, content):
    page = _as(new_page, live_server)
    page.goto(live_server.url + "/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito, where Chromium installs nothing: that is the test
    # browser's state, not the portal's.
    errors = [e for e in errors if e["errorId"] != "in-incognito"]
    assert errors == [], errors
    page.context.set_offline(True)
    page.goto(live_server.url + "/news/")
    assert page.locator("h1").inner_text() in {"Нет соединения", "No connection"}


def test_the_open_government_map_is_axe_clean(new_page, live_server, axe_check, world):
    from datetime import date

    from playwright.sync_api import expect

    from veche.content.models import OpenGovernmentMember

    OpenGovernmentMember.objects.create(municipality=world.surgut, joined_on=date(2016, 3, 1))
    page = _as(new_page, live_server)
    assert page.goto(live_server.url + "/open-government/").status == 200
    expect(page.locator("#open-government-map .leaflet-marker-icon")).to_have_count(1)
    axe_check(page)
