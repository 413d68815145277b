"""Moderation through the web: the queue, the report page a moderator sees, and each action —
done with a success message, or refused with the service's Russian message and nothing changed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.reports.models import RejectionReason, Status, Support, TimelineEntry
from veche.reports.services import report_decline, report_request_reassignment
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.reports.tests.workspace_helpers import back_on_report_page


def page(client, report):
    return client.get(f"/workspace/reports/{report.pk}/").content.decode()


@pytest.fixture
def moderator(client, world):
    client.force_login(world.moderator)
    return client


def test_queue_lists_submitted_and_declined_of_the_territory_oldest_first(moderator, world):
    newer = ReportFactory(municipality=world.surgut)
    older = ReportFactory(municipality=world.surgut)
    older.created_at = timezone.now() - timedelta(days=3)
    older.save(update_fields=["created_at"])
    declined = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_decline(official=world.official, report=declined, reason="Дорога региональная")
    urai = ReportFactory(municipality=world.urai)
    RoutedReportFactory(municipality=world.surgut)  # routed: not the moderator's business now

    response = moderator.get("/workspace/reports/moderation/")
    listed = [report.pk for report in response.context["page"].object_list]
    assert listed == [older.pk, newer.pk, declined.pk]
    assert urai.pk not in listed
    assert "Дорога региональная" in response.content.decode()


def test_queue_reads_a_constant_number_of_queries(moderator, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert moderator.get("/workspace/reports/moderation/").status_code == 200
        return len(queries)

    ReportFactory(municipality=world.surgut)
    few = count()
    for _ in range(6):
        declined = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
        report_decline(official=world.official, report=declined, reason="Не наше")
        ReportFactory(municipality=world.surgut)
        asked = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
        report_request_reassignment(official=world.official, report=asked, reason="В УК")
    assert count() == few


def test_region_wide_moderator_sees_every_municipality(client, world):
    surgut, urai = ReportFactory(municipality=world.surgut), ReportFactory(municipality=world.urai)
    client.force_login(world.region_moderator)
    listed = {r.pk for r in client.get("/workspace/reports/moderation/").context["page"]}
    assert listed == {surgut.pk, urai.pk}


def test_queue_shows_reassignment_requests(moderator, world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_request_reassignment(
        official=world.official, report=report, reason="Это двор управляющей компании"
    )
    response = moderator.get("/workspace/reports/moderation/")
    assert [r.pk for r in response.context["reassignments"]] == [report.pk]
    assert "Это двор управляющей компании" in response.content.decode()


def test_moderator_sees_the_authors_contacts_and_where_publishing_sends_it(moderator, world):
    report = ReportFactory(municipality=world.surgut, author=world.author)
    html = page(moderator, report)
    assert world.author.email in html and world.author.get_full_name() in html
    assert "+7 912" in html  # the phone, formatted
    # The factory's agency stores no accusative: the sentence names it in the nominative.
    name = world.surgut_admin.name
    assert f"Публикация направит сообщение в <strong>ведомство «{name}»</strong>" in html


def test_publish_routes_and_tells_the_agency_and_due_date(moderator, world):
    report = ReportFactory(municipality=world.surgut, topic=world.topic)
    response = moderator.post(f"/workspace/reports/{report.pk}/publish/", follow=True)
    report.refresh_from_db()
    assert report.status == Status.ROUTED and report.due_at is not None
    name = world.surgut_admin.name
    assert f"опубликовано и направлено в ведомство «{name}»" in response.content.decode()


def test_reject_with_a_listed_reason_and_comment(moderator, world):
    report = ReportFactory(municipality=world.surgut)
    response = moderator.post(
        f"/workspace/reports/{report.pk}/reject/",
        {"reason": world.reason.pk, "comment": "Перепишите без брани."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REJECTED and report.rejection_reason == world.reason
    assert report.timeline.get().text == f"{world.reason.text} Перепишите без брани."


def test_reject_needs_an_active_reason(moderator, world):
    report = ReportFactory(municipality=world.surgut)
    retired = RejectionReason.objects.create(code="old", text="Старая причина", is_active=False)
    html = page(moderator, report)
    assert world.reason.text in html and "Старая причина" not in html
    for data in [{}, {"reason": retired.pk}]:
        response = moderator.post(f"/workspace/reports/{report.pk}/reject/", data, follow=True)
        assert back_on_report_page(response)
        assert "Не сделано: Отклонить" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_redact_replaces_text_and_address(moderator, world):
    report = ReportFactory(municipality=world.surgut, text="Яма. Звоните Петрову +79120000000")
    html = page(moderator, report)
    assert "Звоните Петрову" in html  # the redaction form starts from the current text
    response = moderator.post(
        f"/workspace/reports/{report.pk}/redact/", {"text": "Яма.", "address": "ул. Мира"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.text, report.address) == ("Яма.", "ул. Мира")
    assert report.timeline.get().kind == TimelineEntry.Kind.REDACTION


def test_redact_refuses_an_empty_text(moderator, world):
    report = ReportFactory(municipality=world.surgut)
    response = moderator.post(
        f"/workspace/reports/{report.pk}/redact/", {"text": "  "}, follow=True
    )
    assert back_on_report_page(response)
    report.refresh_from_db()
    assert report.text.startswith("Глубокая яма")


def test_mark_duplicate_offers_nearby_originals_and_carries_supports(moderator, world):
    original = RoutedReportFactory(municipality=world.surgut, topic=world.topic)
    far = RoutedReportFactory(municipality=world.surgut, topic=world.topic, lat=original.lat + 0.05)
    report = ReportFactory(municipality=world.surgut, topic=world.topic, author=world.neighbour)
    response = moderator.get(f"/workspace/reports/{report.pk}/")
    assert [c.pk for c in response.context["candidates"]] == [original.pk]
    assert far.pk not in [c.pk for c in response.context["candidates"]]

    response = moderator.post(
        f"/workspace/reports/{report.pk}/duplicate/", {"original": original.pk}, follow=True
    )
    assert f"объединено с сообщением № {original.pk}" in response.content.decode()
    report.refresh_from_db()
    original.refresh_from_db()
    assert report.status == Status.DUPLICATE and report.duplicate_of == original
    assert Support.objects.filter(report=original, user=world.neighbour).exists()
    assert original.support_count == 1


@pytest.mark.parametrize(
    "original, message",
    [
        ("self", "Сообщение не может быть дубликатом самого себя."),
        ("unpublished", "Объединять можно только с опубликованным сообщением"),
        (999999, "Сообщения с таким номером нет."),
    ],
)
def test_mark_duplicate_refusals(moderator, world, original, message):
    report = ReportFactory(municipality=world.surgut)
    number = {"self": report.pk, "unpublished": ReportFactory(municipality=world.surgut).pk}.get(
        original, original
    )
    response = moderator.post(
        f"/workspace/reports/{report.pk}/duplicate/", {"original": number}, follow=True
    )
    assert back_on_report_page(response)
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_reroute_a_declined_report(moderator, world):
    regional = world.roads  # a regional department: it serves every municipality
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_decline(official=world.official, report=report, reason="Региональная дорога")
    response = moderator.get(f"/workspace/reports/{report.pk}/")
    choices = list(response.context["reroute_form"].fields["agency"].queryset)
    assert regional in choices and world.surgut_admin not in choices
    assert world.urai_admin not in choices  # it does not serve Surgut

    response = moderator.post(f"/workspace/reports/{report.pk}/reroute/", {"agency": regional.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ROUTED and report.agency == regional


def test_reroute_refuses_an_agency_not_offered(moderator, world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    report_decline(official=world.official, report=report, reason="Не наше")
    for agency in [world.surgut_admin, world.urai_admin]:
        response = moderator.post(
            f"/workspace/reports/{report.pk}/reroute/", {"agency": agency.pk}, follow=True
        )
        assert back_on_report_page(response)
    report.refresh_from_db()
    assert report.status == Status.DECLINED


def test_the_queue_shows_an_excerpt_and_a_photo(moderator, world):
    from veche.reports.models import ReportMedia

    long_text = "Глубокая яма у остановки. " * 20
    with_photo = ReportFactory(municipality=world.surgut, text=long_text)
    ReportMedia.objects.create(
        report=with_photo,
        kind="photo",
        file="reports/x.jpg",
        thumbnail="reports/thumbs/x.jpg",
        content_type="image/jpeg",
        size=10,
    )
    ReportFactory(municipality=world.surgut, text="Нет света во дворе.")
    html = moderator.get("/workspace/reports/moderation/").content.decode()
    assert "reports/thumbs/x.jpg" in html
    assert f'alt="Фото к сообщению № {with_photo.pk}"' in html
    assert "без фото" in html and "Нет света во дворе." in html
    assert long_text[:100] in html and long_text not in html  # an excerpt, not the whole text


def test_the_staff_report_page_shows_the_map_with_a_fallback(moderator, world):
    report = ReportFactory(municipality=world.surgut, lat=61.254, lon=73.396)
    html = moderator.get(f"/workspace/reports/{report.pk}/").content.decode()
    assert 'id="report-map"' in html and 'data-lat="61.254"' in html
    assert "leaflet.js" in html and "report-map.js" in html
    # Without JavaScript: the coordinates and a link to the place.
    assert "61,25400, 73,39600" in html or "61.25400, 73.39600" in html
    assert "openstreetmap.org/?mlat=61.254&amp;mlon=73.396" in html


def test_secondary_actions_do_not_look_primary(moderator, world):
    report = ReportFactory(municipality=world.surgut)
    html = moderator.get(f"/workspace/reports/{report.pk}/").content.decode()
    assert '<button type="submit">Опубликовать и направить в ведомство</button>' in html
    assert '<button type="submit" class="button secondary">Отклонить сообщение</button>' in html
