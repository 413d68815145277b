"""The issue's acceptance walk in chromium: a resident files a report with two photos, the
moderator publishes it, it is routed to the right agency with its working-day deadline, the
official answers "scheduled" and then "resolved", the author rates and confirms — each step on the
public page, each step told to the right people, the photos without GPS."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from veche.notifications.models import Notification
from veche.reports.deadlines import due_for
from veche.reports.models import Report
from veche.reports.tests.browser.test_public_pages import REPORT_PAGE, logged_in_page
from veche.reports.tests.images import exif_of, jpeg_with_gps

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


def photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_with_gps(name).read()}


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_the_whole_walk_in_the_browser(new_page, live_server, world):
    resident = logged_in_page(new_page, live_server, world.author)
    resident.goto(live_server.url + "/reports/new/")
    resident.locator("#id_topic").select_option(str(world.topic.pk))
    resident.locator("#id_text").fill("Глубокая яма у школы № 5, машины бьют колёса.")
    resident.locator("#id_lat").fill(f"{world.surgut.centre_lat}")
    resident.locator("#id_lon").fill(f"{world.surgut.centre_lon}")
    resident.locator("#id_photos").set_input_files([photo("one.jpg"), photo("two.jpg")])
    resident.get_by_role("button", name="Отправить сообщение").click()
    resident.wait_for_url(REPORT_PAGE)
    report = Report.objects.get(author=world.author)
    assert [exif_of(p.file.read()) for p in report.media.all()] == [{}, {}]

    moderator = logged_in_page(new_page, live_server, world.moderator)
    moderator.goto(live_server.url + f"/workspace/reports/{report.pk}/")
    moderator.get_by_role("button", name="Опубликовать и направить в ведомство").click()
    moderator.wait_for_load_state()
    report.refresh_from_db()
    assert report.agency == world.surgut_admin
    assert report.due_at == due_for(report.topic, report.routed_at)
    visitor = new_page(language="ru")
    visitor.goto(live_server.url + f"/reports/{report.pk}/")
    page_text = visitor.inner_text("main")
    assert world.surgut_admin.name in page_text
    assert timezone.localtime(report.due_at).strftime("%Y") in page_text

    official = logged_in_page(new_page, live_server, world.official)
    official.goto(live_server.url + f"/workspace/reports/{report.pk}/")
    official.locator("input[name=kind][value=scheduled]").check()
    official.locator("#answer-text").fill("Ремонт покрытия запланирован.")
    planned = date.today() + timedelta(days=60)
    official.locator("#answer-planned_date").fill(planned.isoformat())
    official.get_by_role("button", name="Отправить ответ").click()
    official.wait_for_load_state()
    official.locator("input[name=kind][value=resolved]").check()
    official.locator("#answer-text").fill("Яма заделана, покрытие восстановлено.")
    official.get_by_role("button", name="Отправить ответ").click()
    official.wait_for_load_state()
    assert [a.kind for a in report.answers.order_by("created_at")] == ["scheduled", "resolved"]

    resident.goto(live_server.url + f"/reports/{report.pk}/")
    resident.locator("input[name=rating][value='5']").check()
    resident.get_by_role("button", name="Подтвердить ответ и закрыть сообщение").click()
    resident.wait_for_url(REPORT_PAGE)
    report.refresh_from_db()
    assert report.status == "closed"

    visitor.goto(live_server.url + f"/reports/{report.pk}/")
    page_text = visitor.inner_text("main")
    for text in (
        "Ремонт покрытия запланирован.",
        "Яма заделана, покрытие восстановлено.",
        "5 из 5",
    ):
        assert text in page_text, text
    assert world.author.email not in visitor.content()
    assert "submitted" in told(world.moderator) and told(world.official)
    assert told(world.author).count("answered") == 2 and "status_changed" in told(world.author)
