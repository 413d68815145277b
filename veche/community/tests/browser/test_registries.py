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


def test_a_verified_member_writes_the_ngo_news_on_an_axe_clean_form(
    new_page, live_server, axe_check
):
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from veche.community.models import Membership, News

    ngo = organization(name="Экодозор Югры")
    member = activist(name="Анна Петрова")
    member.verified_at, member.evidence = timezone.now(), "паспорт"
    member.save(update_fields=["verified_at", "evidence"])
    Membership.objects.create(organization=ngo, activist=member)
    client = Client()
    client.force_login(member.user)
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
    page.goto(live_server.url + ngo.get_absolute_url())
    page.get_by_role("link", name="Написать новость").click()
    axe_check(page)
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # the error summary
    axe_check(page)
    page.get_by_label("Заголовок").fill("Субботник на Иртыше")
    page.get_by_label("Текст").fill("<p>Собрали <strong>40 мешков</strong>.</p>")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Новость ждёт проверки модератора.")).to_be_visible()
    assert News.objects.get().body == "<p>Собрали <strong>40 мешков</strong>.</p>"


def test_the_grants_contest_page_is_axe_clean(new_page, live_server, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from veche.budgeting.tests.factories import ContestFactory, add_template
    from veche.community.models import GrantContest
    from veche.community.services import grant_apply

    from ..factories import UserFactory

    contest = ContestFactory(title="Гранты жителям", accepts_individuals=True, accepts_groups=False)
    add_template(contest)
    grants = GrantContest.objects.create(
        contest=contest, public_until=timezone.localdate() + timedelta(days=20), goal=2000
    )
    grant_apply(
        user=UserFactory(),
        grant_contest=grants,
        date_of_birth=timezone.localdate().replace(year=2000, month=1, day=1),
        title="Школьный музей",
        direction="memory",
    )
    page = new_page()
    page.goto(live_server.url + "/community/")
    page.get_by_role("link", name="Гранты жителям").click()
    expect(page.get_by_role("link", name="Школьный музей")).to_be_visible()
    axe_check(page)
