"""The web shell in Chromium: accessibility (axe-core), the version for the visually impaired,
the language switch, keyboard use, the Content-Security-Policy and small screens."""

import time

import pytest

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def _low_vision_on(page) -> bool:
    return page.evaluate("() => document.documentElement.classList.contains('low-vision')")


def _root_font_px(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_home_page_has_no_axe_violations(page, axe_check):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == "Вече: открытый регион"
    axe_check(page)


def test_low_vision_version_is_switched_by_the_button_and_persists(page, axe_check):
    page.goto("/")
    normal_font = _root_font_px(page)
    assert not _low_vision_on(page)

    page.get_by_role("button", name="Версия для слабовидящих").click()
    page.locator("html.low-vision").wait_for(state="attached")
    page.wait_for_load_state()  # <html> arrives before <main>: check the whole page

    assert _low_vision_on(page)
    assert _root_font_px(page) >= normal_font * 1.4
    axe_check(page)
    # The choice is kept: on the next load and on a later visit in a new tab.
    page.reload()
    assert _low_vision_on(page)
    later = page.context.new_page()
    later.goto("/")
    assert _low_vision_on(later)
    # A cookie that outlives the browser session (a year), not a session cookie.
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "veche_a11y"]
    assert cookie["expires"] > time.time() + 300 * 24 * 3600
    # And undone the same way.
    page.get_by_role("button", name="Обычная версия").click()
    assert not _low_vision_on(page)
    assert _root_font_px(page) == normal_font


def test_language_switch_to_english_changes_the_text_and_persists(page, axe_check):
    page.goto("/")
    page.get_by_label("Язык").select_option("en")
    page.get_by_role("button", name="Сменить").click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Вече: the open region"
    assert page.get_by_role("link", name="Log in").count() > 0
    axe_check(page)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("button", name="Switch")).to_be_visible()


def test_an_english_browser_still_gets_russian_until_the_visitor_switches(new_page):
    page = new_page(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ru"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.innerText]"
    )
    assert focused == ["skip-link", "Перейти к основному содержанию"]
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab continues inside main, not back at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("low_vision", [False, True], ids=["normal", "low-vision"])
def test_keyboard_focus_is_visible_on_every_control(new_page, low_vision):
    page = new_page(low_vision=low_vision)
    page.goto("/")
    # Every visible control is a Tab stop (the links of a closed menu group are not visible).
    controls = page.locator(
        "a[href]:visible, button:visible, select:visible, summary:visible,"
        " input:not([type=hidden]):visible"
    ).count()
    for _ in range(controls):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                return [el.outerHTML.slice(0, 80), style.outlineStyle,
                        parseFloat(style.outlineWidth)];
            }"""
        )
        assert outline[1] != "none" and outline[2] >= 2, f"no visible focus on {outline[0]}"


def test_pages_raise_no_content_security_policy_violation(new_page):
    page = new_page()
    for path in ["/", "/admin/login/", "/no-such-page/"]:
        page.goto(path)
        page.wait_for_load_state("load")
    # The scripts we ship did run under the policy (htmx is initialised), and broke no rule.
    page.goto("/")
    page.wait_for_function("() => typeof window.htmx === 'object'")
    assert new_page.problems.csp == []
    assert new_page.problems.errors == []


@pytest.mark.parametrize("low_vision", [False, True], ids=["normal", "low-vision"])
def test_home_fits_a_phone_screen(new_page, axe_check, low_vision):
    page = new_page(low_vision=low_vision, viewport=PHONE)
    page.goto("/")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal scrolling on a 375px screen: {widths}"
    axe_check(page)


def test_not_found_page_is_russian_and_accessible(page, axe_check):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Страница не найдена"
    axe_check(page)


def test_shell_works_without_javascript(no_js_page, axe_check):
    page = no_js_page
    page.goto("/")
    page.get_by_role("button", name="Версия для слабовидящих").click()
    assert page.locator("html").get_attribute("class") == "low-vision"
    page.get_by_label("Язык").select_option("en")
    page.get_by_role("button", name="Сменить").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("class") == "low-vision"
    axe_check(page)


def test_admin_login_page_is_russian(page, axe_check):
    page.goto("/admin/login/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("#site-name").inner_text() == "Вече — управление порталом"
    expect(page.get_by_role("button", name="Войти")).to_be_visible()
    axe_check(page)


def test_low_vision_settings_fold_on_a_phone_and_open_by_keyboard(new_page, axe_check):
    """On a 390 px phone the settings are one button above the header, not a band of fourteen
    (it took about 500 px); the keyboard opens it and the page stays axe-clean either way."""
    page = new_page(low_vision=True, viewport={"width": 390, "height": 844})
    page.goto("/")
    band = page.locator(".lv-band")
    assert band.bounding_box()["height"] <= 96  # one line of button (fonts differ a little)
    expect(page.get_by_role("button", name="Самый крупный")).to_be_hidden()
    axe_check(page)

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "lv-summary"
    page.keyboard.press("Enter")
    assert page.locator("#lv-panel").evaluate("details => details.open")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Крупный"
    expect(page.get_by_role("button", name="Самый крупный")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Самый крупный").click()
    assert page.locator("html").get_attribute("data-lv-size") == "3"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_low_vision_settings_are_open_on_a_wide_screen(new_page, javascript):
    page = new_page(low_vision=True, javascript=javascript, viewport={"width": 1280, "height": 800})
    page.goto("/")
    expect(page.get_by_role("button", name="Самый крупный")).to_be_visible()
    expect(page.locator(".lv-summary")).to_be_hidden()
