"""The design system in Chromium: the pattern page is axe-clean in both languages and in the
version for the visually impaired; the header stays small on a phone, with a menu that opens."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def log_in_staff(page, live_server) -> None:
    user = get_user_model().objects.create_user(
        email="staff@example.org", password="x", last_name="Петров", first_name="Иван"
    )
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize(("language", "low_vision"), [("ru", False), ("en", False), ("ru", True)])
def test_the_pattern_page_has_no_axe_violations(
    new_page, live_server, axe_check, language, low_vision
):
    page = new_page(language=language, low_vision=low_vision)
    log_in_staff(page, live_server)
    page.goto(live_server.url + "/styleguide/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".pagination [aria-current=page]")).to_have_text(
        "Page 6" if language == "en" else "Страница 6"
    )
    # The bar chart: the bars are a picture of the table, which everyone can read.
    chart = page.locator("#sg-chart-votes-caption").locator("..")
    expect(chart.locator("svg.bar-chart-svg")).to_have_attribute("aria-hidden", "true")
    expect(chart.get_by_role("table")).to_be_visible()
    assert chart.locator("svg.bar-chart-svg").bounding_box()["height"] > 0
    axe_check(page)


def test_the_pattern_page_on_a_phone(new_page, live_server, axe_check):
    page = new_page(language="ru", viewport=PHONE)
    log_in_staff(page, live_server)
    page.goto(live_server.url + "/styleguide/")
    axe_check(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


# A wide table whose last column's links carry visually hidden text (the row's name for a
# screen reader), as the editors' tables have.
WIDE_TABLE = """() => {
  const box = document.createElement('div');
  box.className = 'table-scroll';
  const cells = Array.from({length: 8}, (_, i) =>
    `<td>Длинная ячейка номер ${i}<a href="#">Изменить` +
    `<span class="visually-hidden"> строку</span></a></td>`);
  box.innerHTML = `<table><tr>${cells.join('')}</tr></table>`;
  document.querySelector('main').append(box);
  return box.scrollWidth > box.clientWidth;
}"""


def test_a_wide_table_scrolls_in_its_box_and_the_page_stays_the_screens_width(
    new_page, live_server
):
    page = new_page(language="ru", viewport=PHONE)
    log_in_staff(page, live_server)
    page.goto(live_server.url + "/styleguide/")
    assert page.evaluate(WIDE_TABLE)  # the table is wider than its box, which scrolls
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("javascript", [True, False])
def test_the_header_takes_little_room_on_a_phone_and_its_menu_opens(
    new_page, live_server, javascript
):
    page = new_page(language="ru", viewport=PHONE, javascript=javascript)
    page.goto(live_server.url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, header
    login = page.locator(".main-nav").get_by_role("link", name="Войти")
    expect(login).to_be_hidden()

    page.get_by_text("Меню", exact=True).click()

    expect(login).to_be_visible()
    expect(page.get_by_label("Язык")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_menu_is_a_bar_without_a_button(
    new_page, live_server, axe_check, javascript
):
    page = new_page(language="ru", viewport={"width": 1280, "height": 900}, javascript=javascript)
    page.goto(live_server.url + "/")
    login = page.locator(".main-nav").get_by_role("link", name="Войти")
    expect(login).to_be_visible()
    expect(page.get_by_text("Меню", exact=True)).to_be_hidden()
    # Reached by the keyboard after the skip link, the switch, the brand and the seven entries:
    # home, reports, ideas, polls, discussions, initiative budgeting and «Информация».
    focused = []
    for _ in range(11):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert focused[-1] == "Войти", focused
    assert focused[-2] == "Информация", focused
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 200, header
    if javascript:
        axe_check(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_the_information_group_opens_under_its_entry_and_leads_to_the_news(
    new_page, live_server, javascript
):
    page = new_page(language="ru", viewport={"width": 1280, "height": 900}, javascript=javascript)
    page.goto(live_server.url + "/")
    news = page.locator(".main-nav").get_by_role("link", name="Новости")
    expect(news).to_be_hidden()

    page.locator(".main-nav").get_by_text("Информация", exact=True).click()
    expect(news).to_be_visible()
    if javascript:
        page.keyboard.press("Escape")
        expect(news).to_be_hidden()
        page.locator(".main-nav").get_by_text("Информация", exact=True).click()
    news.click()
    expect(page).to_have_url(live_server.url + "/news/")
    expect(page.locator(".nav-group summary.current")).to_have_count(1)


def test_on_a_phone_the_information_group_opens_inside_the_menu(new_page, live_server):
    page = new_page(language="ru", viewport=PHONE, javascript=False)
    page.goto(live_server.url + "/")
    page.get_by_text("Меню", exact=True).click()
    page.locator(".main-nav").get_by_text("Информация", exact=True).click()
    help_link = page.locator(".main-nav").get_by_role("link", name="Помощь")
    expect(help_link).to_be_visible()
    box = help_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
