"""The agency's work on a report through the web: take it, answer (with a planned date and files),
extend once, decline, ask for reassignment, and internal notes that only staff see."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.media.tests.files import pdf
from veche.reports.models import Answer, Status, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory
from veche.reports.tests.workspace_helpers import back_on_report_page

PDF = pdf()


@pytest.fixture
def report(world):
    return RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )


@pytest.fixture
def official(client, world):
    client.force_login(world.official)
    return client


def post(client, report, action, data=None, **extra):
    return client.post(f"/workspace/reports/{report.pk}/{action}/", data or {}, **extra)


def test_the_agency_sees_the_authors_contacts(official, world, report):
    html = official.get(f"/workspace/reports/{report.pk}/").content.decode()
    assert world.author.email in html and world.author.get_full_name() in html


def test_territory_heads_read_the_page_without_the_authors_contacts(client, world, report):
    from veche.staff.models import Role
    from veche.staff.tests.factories import RoleAssignmentFactory

    head = RoleAssignmentFactory(role=Role.MUNICIPAL_HEAD, municipality=world.surgut).user
    client.force_login(head)
    response = client.get(f"/workspace/reports/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.author.email not in html and world.author.get_full_name() not in html
    assert "Отправить ответ" not in html  # heads change nothing


def test_take_into_work(official, report):
    response = post(official, report, "take", follow=True)
    assert "принято в работу" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS


def test_answer_scheduled_with_a_planned_date_and_a_file(official, world, report):
    planned = timezone.localdate() + timedelta(days=30)
    response = post(
        official,
        report,
        "answer",
        {
            "kind": "scheduled",
            "text": "Ремонт включён в план на лето.",
            "planned_date": planned.isoformat(),
            "files": [SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(report=report)
    assert (answer.kind, answer.planned_date, answer.author) == (
        Answer.Kind.SCHEDULED,
        planned,
        world.official,
    )
    assert answer.files.get().name == "plan.pdf"
    report.refresh_from_db()
    assert report.status == Status.ANSWERED


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "scheduled", "text": "Сделаем."}, "planned_date", "Укажите плановую дату работ."),
        (
            {"kind": "scheduled", "text": "Сделаем.", "planned_date": "2001-01-01"},
            "planned_date",
            "Плановая дата не может быть в прошлом.",
        ),
        (
            {"kind": "resolved", "text": " "},
            "text",
            "Напишите ответ: что сделано или будет сделано и когда.",
        ),
        ({"text": "Сделано."}, "kind", "Выберите вид ответа."),
    ],
)
def test_answer_errors_name_the_field(official, report, data, field, message):
    response = post(official, report, "answer", data, follow=True)
    assert back_on_report_page(response)
    form = response.context["answer_form"]
    assert message in form.errors[field]
    # The summary links the field's control (the first radio of a choice).
    target = f"answer-{field}_0" if field == "kind" else f"answer-{field}"
    html = response.content.decode()
    assert f'href="#{target}"' in html and f'id="{target}"' in html
    assert not Answer.objects.exists()
    report.refresh_from_db()
    assert report.status == Status.ROUTED


def test_answer_refuses_a_file_that_is_not_a_document(official, report):
    response = post(
        official,
        report,
        "answer",
        {
            "kind": "resolved",
            "text": "Сделано.",
            "files": [SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="text/plain")],
        },
        follow=True,
    )
    assert back_on_report_page(response)
    assert "«run.exe»: приложите файл PDF, JPEG или PNG." in response.content.decode()
    assert not Answer.objects.exists()


def test_extend_needs_a_reason(official, report):
    response = post(official, report, "extend", {"reason": ""}, follow=True)
    assert back_on_report_page(response)
    report.refresh_from_db()
    assert report.extended_at is None


def test_decline_returns_it_to_the_moderators(official, report):
    response = post(official, report, "decline", {"reason": "Дорога региональная."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DECLINED


def test_reassignment_request_is_internal(official, report):
    response = post(official, report, "reassign", {"reason": "Это двор УК «Северная»."})
    assert response.status_code == 302
    entry = report.timeline.get()
    assert entry.kind == TimelineEntry.Kind.REASSIGNMENT and not entry.is_public
    report.refresh_from_db()
    assert report.status == Status.ROUTED


def test_internal_notes_are_for_staff_only(official, client, world, report):
    response = post(official, report, "note", {"text": "Подрядчик обещал до пятницы."})
    assert response.status_code == 302
    note = report.timeline.get()
    assert note.kind == TimelineEntry.Kind.NOTE and not note.is_public

    html = official.get(f"/workspace/reports/{report.pk}/").content.decode()
    assert "Подрядчик обещал до пятницы." in html and "внутренняя, только для сотрудников" in html
    client.force_login(world.moderator)
    assert (
        "Подрядчик обещал до пятницы."
        in client.get(f"/workspace/reports/{report.pk}/").content.decode()
    )
    # Staff of another agency, the author and a guest never get the note.
    for who in [world.urai_official, world.author]:
        client.force_login(who)
        response = client.get(f"/workspace/reports/{report.pk}/")
        assert response.status_code == 403
        assert "Подрядчик обещал" not in response.content.decode()


def test_an_empty_note_is_refused(official, report):
    response = post(official, report, "note", {"text": ""}, follow=True)
    assert back_on_report_page(response)
    assert not report.timeline.exists()


def test_a_moderator_may_add_a_note(client, world, report):
    client.force_login(world.moderator)
    assert post(client, report, "note", {"text": "Проверить дубли."}).status_code == 302
    assert report.timeline.get().actor == world.moderator


def test_a_failed_action_leaves_a_page_that_can_be_reloaded(official, report):
    """Post/redirect/get: the failed form comes back on the report's own page, once."""
    page_url = f"/workspace/reports/{report.pk}/"
    response = post(official, report, "extend", {"reason": ""})
    assert response.status_code == 302 and response["Location"] == page_url
    html = official.get(page_url).content.decode()
    assert 'class="error-summary"' in html and "Не сделано: Продлить срок" in html
    assert "Укажите причину продления" in html
    # A reload reads the page again, without the old error; the action's URL answers a GET too.
    assert 'class="error-summary"' not in official.get(page_url).content.decode()
    response = official.get(f"/workspace/reports/{report.pk}/extend/")
    assert response.status_code == 302 and response["Location"] == page_url
    report.refresh_from_db()
    assert report.extended_at is None


def test_a_failed_action_keeps_what_was_typed(official, report):
    post(official, report, "answer", {"kind": "scheduled", "text": "Сделаем весной."})
    form = official.get(f"/workspace/reports/{report.pk}/").context["answer_form"]
    assert form["text"].value() == "Сделаем весной." and form["kind"].value() == "scheduled"
    assert form.errors["planned_date"] == ["Укажите плановую дату работ."]
