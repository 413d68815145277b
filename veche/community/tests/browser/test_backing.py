"""In chromium, without JavaScript: a verified resident backs a project with 100; axe on the
project page."""

import pytest
from django.conf import settings
from django.test import Client

from ..factories import ProjectFactory, VerifiedUserFactory, capital, with_capital

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def test_a_verified_resident_backs_a_project_with_100(new_page, live_server, axe_check):
    from django.core.cache import cache

    cache.clear()
    anna = with_capital(VerifiedUserFactory(), 500)
    project = ProjectFactory(title="Лыжня для всех в Лянторе", goal=5000)
    client = Client()
    client.force_login(anna)
    page = new_page(javascript=False)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + project.get_absolute_url())
    axe_check(page)
    page.get_by_label("100", exact=True).check()
    page.get_by_role("button", name="Передать").click()
    expect(page.get_by_text("Спасибо: 100 виртуального капитала переданы проекту.")).to_be_visible()
    assert capital(anna) == 400
    axe_check(page)
