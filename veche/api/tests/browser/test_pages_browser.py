"""In Chromium: Swagger UI works under the Content-Security-Policy, and the tokens page is
accessible and keyboard-usable (the page fixture fails on any CSP violation or JS error)."""

import pytest

from veche.accounts.tests.factories import DEMO_PASSWORD, UserFactory
from veche.api.models import ApiToken
from veche.core.low_vision import LowVision

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_the_schema_under_csp(page):
    page.goto("/api/v1/docs")
    assert "Veche API" in page.get_by_role("heading", level=1).inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/health").first.wait_for()
    page.locator(".opblock-summary-path", has_text="/api/v1/me").first.wait_for()
    page.locator("button.authorize").wait_for()


VERSIONS = {
    "normal": False,
    "largest-white": LowVision(size="3", scheme="white"),
    "largest-black": LowVision(size="3", scheme="black"),
    "largest-blue": LowVision(size="3", scheme="blue"),
}


@pytest.mark.parametrize("version", VERSIONS.values(), ids=VERSIONS.keys())
def test_swagger_ui_opened_up_has_no_axe_violations(new_page, axe_check, version):
    """Collapsed, the page is checked with every other page (core's test_axe_everywhere); here
    what a developer opens: an operation, its «Try it out» form and the Authorize dialog."""
    page = new_page(language="ru", low_vision=version)
    page.goto("/api/v1/docs")
    page.locator(".opblock-summary-control").nth(1).click()
    page.get_by_role("button", name="Try it out").click()
    page.locator(".opblock-summary-control").nth(3).click()
    page.get_by_role("button", name="Authorize").click()
    page.locator(".close-modal[aria-label='Закрыть']").wait_for()
    axe_check(page)


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_regional_admin_creates_a_token_with_the_keyboard(new_page, axe_check, javascript):
    from veche.staff.models import Role, RoleAssignment

    admin = UserFactory(email="admin@example.org", settlement=None, is_staff=True)
    RoleAssignment.objects.create(user=admin, role=Role.REGIONAL_ADMIN)
    UserFactory(email="app@example.org")
    page = new_page(javascript=javascript, language="ru")
    _log_in(page, admin.email)

    page.goto("/api-tokens/")
    axe_check(page)
    page.get_by_label("Название").fill("Приложение Сургута")
    page.get_by_label("Действует от имени пользователя").fill("app@example.org")
    page.get_by_role("button", name="Создать токен").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    key = page.get_by_label("Ключ", exact=True).input_value()
    assert key.startswith("vch_") and ApiToken.objects.get().key_prefix == key[:12]
    axe_check(page)


def test_the_form_errors_are_accessible(new_page, axe_check):
    from veche.staff.models import Role, RoleAssignment

    admin = UserFactory(email="admin@example.org", settlement=None, is_staff=True)
    RoleAssignment.objects.create(user=admin, role=Role.REGIONAL_ADMIN)
    page = new_page(language="ru")
    _log_in(page, admin.email)
    page.goto("/api-tokens/")
    page.get_by_role("button", name="Создать токен").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
