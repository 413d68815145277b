"""The resident's own reports: the cabinet section and the full "my reports" page."""

import pytest

from veche.reports.models import Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

pytestmark = pytest.mark.django_db


def test_the_cabinet_lists_my_reports_whatever_their_state(client, world):
    mine = RoutedReportFactory(author=world.author, municipality=world.surgut)
    rejected = ReportFactory(
        author=world.author,
        municipality=world.surgut,
        status=Status.REJECTED,
        rejection_reason=world.reason,
    )
    others = RoutedReportFactory(author=world.neighbour, municipality=world.surgut)
    client.force_login(world.author)
    html = client.get("/accounts/cabinet/").content.decode()
    section = html[html.index('id="cabinet-reports"') : html.index('id="cabinet-votes"')]
    assert f'href="/reports/{mine.pk}/"' in section
    assert f'href="/reports/{rejected.pk}/"' in section
    assert 'class="badge badge-error">Отклонено' in section
    assert f"Причина: {world.reason.text}" in section
    assert f'href="/reports/{others.pk}/"' not in section
    assert "Вы ещё не отправили ни одного сообщения." not in section
    assert 'href="/reports/mine/"' not in section


def test_the_cabinet_shows_the_latest_ten_and_links_to_all(client, world):
    ReportFactory.create_batch(12, author=world.author, municipality=world.surgut)
    client.force_login(world.author)
    response = client.get("/accounts/cabinet/")
    html = response.content.decode()
    assert html.count('class="badge badge-warning"') == 10
    assert '<a href="/reports/mine/">Все мои сообщения (12)</a>' in html

    page = client.get("/reports/mine/")
    assert len(page.context["page"].object_list) == 12


def test_an_empty_cabinet_section_invites_to_report(client, world):
    client.force_login(world.author)
    html = client.get("/accounts/cabinet/").content.decode()
    section = html[html.index('id="cabinet-reports"') : html.index('id="cabinet-votes"')]
    assert "Вы ещё не отправили ни одного сообщения." in section
    assert 'href="/reports/new/"' in section


def test_my_reports_page_needs_login(client, world):
    response = client.get("/reports/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
