"""The acceptance walk in Chromium: a new resident goes from the home page to the registration
form, confirms the e-mail from the link the e-mail backend wrote to a file, and logs in to the
cabinet, all with the keyboard alone, with JavaScript on and off, in the normal version and the
version for the visually impaired. Every page on the way is checked by axe-core; test_axe.py
covers the other account pages and their error states.

Only the first page is opened with goto; the e-mail link is followed with goto as well, as a
mail client would. Everything else is Tab, Enter, Space and typing. Focus is read through
locators (``:focus``) rather than page.evaluate, which cannot run with JavaScript off.
"""

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from veche.accounts.models import User
from veche.territory.tests.factories import MunicipalityFactory, SettlementFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

EMAIL = "marina.sokolova@mail.ru"
PASSWORD = "Kedr-Ob-2025!"
# Enough for the longest walk here (the header, then the registration form and its links).
MAX_TABS = 40


@pytest.fixture
def mail_dir(settings, live_server, tmp_path) -> Path:
    """E-mails go to files, with links to the test server (it runs in this process)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.SITE_URL = live_server.url
    return tmp_path


@pytest.fixture
def uray(db):
    SettlementFactory(name="Сургут", municipality=MunicipalityFactory(name="Сургут"))
    return SettlementFactory(name="Урай", municipality=MunicipalityFactory(name="Урай"))


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.locator(f"{selector}:focus").count():
            return
    pytest.fail(f"{selector} on {page.url} cannot be reached with Tab")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_by_arrow_keys(page, selector: str, value: str) -> None:
    """Move through a closed <select> with ArrowDown until `value` is chosen. (Type-ahead does
    not work here: Playwright types Cyrillic as inserted text, not as key presses.)"""
    select = page.locator(selector)
    for _ in range(select.locator("option").count()):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value, f"{value} cannot be chosen in {selector} with the keys"


def low_vision_on(page) -> bool:
    return "low-vision" in (page.locator("html").get_attribute("class") or "")


def confirmation_link(mail_dir: Path, live_server) -> str:
    (path,) = mail_dir.iterdir()
    # The file backend writes each message, then a line of 79 dashes.
    raw = path.read_bytes().split(b"\n" + b"-" * 79)[0]
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"] == EMAIL
    body = message.get_body().get_content()
    (link,) = re.findall(re.escape(live_server.url) + r"/accounts/confirm/\S+", body)
    return link


def home_to_registration(page, axe_check, *, low_vision: bool) -> None:
    axe_check(page)
    if low_vision:  # switched on with the keyboard too, and kept on every later page
        tab_to(page, "#low-vision-toggle")
        page.keyboard.press("Enter")
        page.locator("html.low-vision").wait_for(state="attached")
        page.wait_for_load_state()  # <html> arrives before <main>: check the whole page
        axe_check(page)
    tab_to(page, "a[href='/accounts/register/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/register/")


def register(page, axe_check, settlement) -> None:
    axe_check(page)
    type_into(page, "#id_last_name", "Соколова")
    type_into(page, "#id_first_name", "Марина")
    tab_to(page, "#id_settlement")
    choose_by_arrow_keys(page, "#id_settlement", str(settlement.pk))
    type_into(page, "#id_email", EMAIL)
    type_into(page, "#id_phone", "8 (912) 345-67-89")
    type_into(page, "#id_password1", PASSWORD)
    type_into(page, "#id_password2", PASSWORD)
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_to(page, "form.stacked button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/register/done/")
    assert page.get_by_role("heading", level=1).inner_text() == "Проверьте почту"
    axe_check(page)


def log_in(page, axe_check) -> None:
    axe_check(page)
    type_into(page, "#id_username", EMAIL)
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")  # submits the form from its last field
    page.wait_for_url("**/accounts/cabinet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Личный кабинет"
    expect(page.get_by_text(f"{EMAIL} (подтверждён)")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("low_vision", [False, True], ids=["normal", "low-vision"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_resident_registers_confirms_and_logs_in_by_keyboard(
    new_page, live_server, axe_check, mail_dir, uray, javascript, low_vision
):
    page = new_page(javascript=javascript, language="ru")
    page.goto("/")
    home_to_registration(page, axe_check, low_vision=low_vision)
    register(page, axe_check, uray)

    user = User.objects.get(email=EMAIL)
    assert user.email_confirmed_at is None
    assert not user.has_perm("accounts.participate")
    page.goto(confirmation_link(mail_dir, live_server))
    page.wait_for_url("**/accounts/login/")
    expect(page.get_by_text("Спасибо! Ваш адрес электронной почты подтверждён.")).to_be_visible()
    log_in(page, axe_check)
    assert low_vision_on(page) == low_vision

    user = User.objects.get(email=EMAIL)
    assert user.email_confirmed_at is not None
    assert user.has_perm("accounts.participate")
    assert (user.last_name, user.first_name, user.settlement) == ("Соколова", "Марина", uray)
    assert user.phone == "+79123456789"
    assert user.personal_data_consent_at is not None
    # The home page as the resident now sees it (log-out button, link to the cabinet).
    tab_to(page, "a[href='/']")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()
    axe_check(page)


FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    return {html: el.outerHTML.slice(0, 100), outline: style.outlineStyle,
            width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("low_vision", [False, True], ids=["normal", "low-vision"])
def test_focus_is_visible_on_every_tab_stop_of_the_login_page(new_page, low_vision):
    page = new_page(low_vision=low_vision, language="ru")
    page.goto("/accounts/login/")
    # Every visible control is a Tab stop (the links of a closed menu group are not visible).
    stops = page.locator(
        "a[href]:visible, button:visible, select:visible, summary:visible,"
        " input:not([type=hidden]):visible"
    ).count()
    form_controls = ["#id_username", "#id_password", "form.stacked button[type=submit]"]
    reached = set()
    for _ in range(stops):
        page.keyboard.press("Tab")
        style = page.locator(":focus").evaluate(FOCUS_STYLE)
        visible = (style["outline"] != "none" and style["width"] >= 2) or style["shadow"] != "none"
        assert visible, f"no visible focus on {style['html']}: {style}"
        reached |= {c for c in form_controls if page.locator(f"{c}:focus").count()}
    assert reached == set(form_controls), "every control of the login form is a Tab stop"
