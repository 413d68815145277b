"""Forbidden transitions tried through the web are refused with the service's Russian message, and
the report stays exactly as it was (status, deadline, timeline, answers)."""

import pytest

from veche.reports.models import Answer, Status
from veche.reports.services import report_answer
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.reports.tests.workspace_helpers import back_on_report_page


def snapshot(report) -> tuple:
    report.refresh_from_db()
    return (
        report.status,
        report.agency_id,
        report.due_at,
        report.extended_at,
        report.timeline.count(),
        Answer.objects.filter(report=report).count(),
    )


@pytest.fixture
def routed(world):
    return RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )


def test_publishing_a_routed_report(client, world, routed):
    before = snapshot(routed)
    client.force_login(world.moderator)
    response = client.post(f"/workspace/reports/{routed.pk}/publish/", follow=True)
    assert back_on_report_page(response)
    assert "Это нельзя сделать, пока сообщение в статусе «направлено в ведомство»." in (
        response.content.decode()
    )
    assert snapshot(routed) == before


def test_answering_a_submitted_report(client, world):
    submitted = ReportFactory(municipality=world.surgut)
    before = snapshot(submitted)
    client.force_login(world.official)
    response = client.post(
        f"/workspace/reports/{submitted.pk}/answer/", {"kind": "resolved", "text": "Сделано."}
    )
    # Not routed yet, so no agency works on it: the official may not even open it.
    assert response.status_code == 403
    assert "Вы не можете открыть это сообщение" in response.content.decode()
    assert snapshot(submitted) == before


def test_answering_twice(client, world, routed):
    client.force_login(world.official)
    data = {"kind": "resolved", "text": "Сделано."}
    assert client.post(f"/workspace/reports/{routed.pk}/answer/", data).status_code == 302
    before = snapshot(routed)
    response = client.post(f"/workspace/reports/{routed.pk}/answer/", data, follow=True)
    assert back_on_report_page(response)
    assert "Это нельзя сделать, пока сообщение в статусе «дан ответ»." in response.content.decode()
    assert snapshot(routed) == before


def test_taking_into_work_twice(client, world, routed):
    client.force_login(world.official)
    assert client.post(f"/workspace/reports/{routed.pk}/take/").status_code == 302
    before = snapshot(routed)
    response = client.post(f"/workspace/reports/{routed.pk}/take/", follow=True)
    assert back_on_report_page(response)
    assert "Это нельзя сделать, пока сообщение в статусе «в работе»." in response.content.decode()
    assert snapshot(routed) == before


def test_extending_twice(client, world, routed):
    client.force_login(world.official)
    url = f"/workspace/reports/{routed.pk}/extend/"
    assert client.post(url, {"reason": "Нужна экспертиза покрытия."}).status_code == 302
    before = snapshot(routed)
    html = client.get(f"/workspace/reports/{routed.pk}/").content.decode()
    assert "Срок уже продлевался один раз" in html  # the page offers no second extension
    response = client.post(url, {"reason": "Ещё раз."}, follow=True)
    assert back_on_report_page(response)
    assert "Срок можно продлить только один раз." in response.content.decode()
    assert snapshot(routed) == before
    assert routed.extension_reason == "Нужна экспертиза покрытия."


def test_rerouting_a_report_in_progress_after_a_reassignment_request(client, world, routed):
    routed.status = Status.IN_PROGRESS
    routed.save()
    client.force_login(world.moderator)
    response = client.post(f"/workspace/reports/{routed.pk}/reroute/", {"agency": world.roads.pk})
    assert response.status_code == 302
    routed.refresh_from_db()
    assert routed.status == Status.ROUTED and routed.agency == world.roads


def test_rerouting_an_answered_report(client, world, routed):
    report_answer(official=world.official, report=routed, kind="resolved", text="Сделано.")
    routed.refresh_from_db()
    before = snapshot(routed)
    client.force_login(world.moderator)
    response = client.post(
        f"/workspace/reports/{routed.pk}/reroute/", {"agency": world.roads.pk}, follow=True
    )
    assert back_on_report_page(response)
    assert "Это нельзя сделать, пока сообщение в статусе «дан ответ»." in response.content.decode()
    assert snapshot(routed) == before


@pytest.mark.parametrize("who", ["official", "neighbour"])
def test_review_by_someone_other_than_the_author(client, world, routed, who):
    """The review is the author's (the public page and the API take it, with the web session)."""
    report_answer(official=world.official, report=routed, kind="resolved", text="Сделано.")
    before = snapshot(routed)
    client.force_login(getattr(world, who))
    response = client.post(
        f"/api/v1/reports/{routed.pk}/review",
        {"confirm": True, "rating": 5},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "Оценить ответ может только автор сообщения." in response.content.decode()
    assert snapshot(routed) == before
    assert Answer.objects.get(report=routed).rating is None
