"""In chromium: the registries' home, the lists of NGOs, activists and projects (with a Russian
search typed into the filter form) and an NGO's and a project's page, each axe-clean; at 390 px
the NGO list fits the screen."""

import pytest

from ..factories import ProjectFactory, activist, organization

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def test_the_registries_pages_are_axe_clean(new_page, live_server, axe_check):
    from django.core.cache import cache

    cache.clear()
    ngo = organization(name="Экодозор Югры", description="Чистим берега рек", contacts_public=True)
    anna = activist(name="Анна Петрова", about="Провожу субботники")
    project = ProjectFactory(title="Чистый берег Иртыша", organization=ngo, activist=anna)
    page = new_page()
    page.goto(live_server.url + "/community/")
    axe_check(page)
    page.goto(live_server.url + "/community/ngos/")
    filters = page.get_by_role("search", name="Фильтр НКО")
    filters.get_by_role("textbox", name="Поиск").fill("берегами")
    filters.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("link", name="Экодозор Югры")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Экодозор Югры").click()
    expect(page.get_by_role("heading", name="Экодозор Югры")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/community/activists/")
    expect(page.get_by_role("link", name="Анна Петрова")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/community/projects/")
    page.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("link", name="Экодозор Югры")).to_be_visible()
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/community/ngos/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
