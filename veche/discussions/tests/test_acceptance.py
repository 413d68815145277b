"""The acceptance rules of issue 11, one test each (more detailed tests per service follow)."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from veche.comments.models import Comment, RemovalReason
from veche.comments.services import comment_remove
from veche.discussions import services
from veche.discussions.models import Draft, DraftComment, Section
from veche.discussions.services import DraftIn, SectionEdit
from veche.discussions.text import docx_sections

from .factories import closed, draft_with, published_comment


def test_commenting_after_the_period_closes_is_refused(world):
    draft = closed(draft_with(municipality=world.surgut))
    before = Comment.objects.count()
    with pytest.raises(PermissionDenied, match="завершено"):
        services.draft_comment(author=world.anna, draft=draft, text="Поздно?")
    section = draft.sections.first()
    with pytest.raises(PermissionDenied):
        services.draft_comment(author=world.anna, draft=draft, section=section, text="Поздно?")
    assert Comment.objects.count() == before
    assert not DraftComment.objects.exists()


def test_a_new_version_keeps_every_comment_on_its_section_and_shows_the_diff(world, client):
    draft = draft_with(municipality=world.surgut, organizer=world.mayor_office)
    first, second, third = draft.sections.order_by("position")
    on_second = published_comment(
        draft=draft, author=world.anna, section=second, passage="Снег вывозится в течение суток."
    )
    on_third = published_comment(draft=draft, author=world.oleg, section=third)
    services.version_publish(
        user=world.mayor_office,
        draft=draft,
        sections=[
            SectionEdit(first.pk, "Общие положения", "Настоящие правила устанавливают требования."),
            SectionEdit(
                second.pk, "Содержание дворов и улиц", "Снег вывозится в течение шести часов."
            ),
            SectionEdit(None, "Ответственность", "За нарушение правил налагается штраф."),
        ],
        note="Сроки вывоза снега сокращены",
    )
    draft.refresh_from_db()
    assert draft.current_version == 2
    on_second.refresh_from_db()
    on_third.refresh_from_db()
    assert on_second.section_id == second.pk and on_third.section_id == third.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.heading == "Содержание дворов и улиц" and not second.is_removed
    assert third.removed_in == 2
    page = client.get(reverse("discussions:version", args=[draft.pk, 2])).content.decode()
    assert "<del>" in page and "<ins>" in page and "шести часов" in page
    assert "суток" in page
    detail = client.get(reverse("discussions:detail", args=[draft.pk])).content.decode()
    assert "раздел удалён в редакции 2" in detail or "removed in version 2" in detail
    section_page = client.get(
        reverse("discussions:section", args=[draft.pk, third.pk])
    ).content.decode()
    assert "comment-" in section_page


def test_the_report_refuses_to_publish_with_an_unanswered_proposal(world):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.first()
    answered = published_comment(
        draft=draft, author=world.anna, section=section, is_proposal=True, wording="Уточнить сроки."
    )
    published_comment(
        draft=draft, author=world.oleg, section=section, is_proposal=True, wording="Убрать пункт."
    )
    draft = closed(draft)
    services.proposal_answer(user=world.mayor_office, note=answered, outcome="accepted")
    with pytest.raises(ValidationError, match="без ответа"):
        services.report_publish(user=world.mayor_office, draft=draft)
    draft.refresh_from_db()
    assert draft.report_published_at is None


def test_a_removed_comments_text_never_reaches_a_public_page_feed_or_export(world, client):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.first()
    secret = "Секретный текст удалённого предложения"
    note = published_comment(
        draft=draft,
        author=world.anna,
        section=section,
        text=secret,
        passage="Настоящие правила",
        is_proposal=True,
        wording=secret,
    )
    reason = RemovalReason.objects.first() or RemovalReason.objects.create(code="spam", text="Spam")
    comment_remove(moderator=world.moderator, comment=note.comment, reason=reason)
    draft = closed(draft)
    services.report_publish(user=world.mayor_office, draft=draft)  # the removed one is not counted
    urls = [
        reverse("discussions:detail", args=[draft.pk]),
        reverse("discussions:section", args=[draft.pk, section.pk]),
        reverse("discussions:report", args=[draft.pk]),
        reverse("discussions:report_print", args=[draft.pk]),
        reverse("discussions:feed_rss"),
        reverse("discussions:feed_atom"),
        reverse("discussions:list") + "?phase=closed",
        f"/api/v1/discussions/{draft.pk}",
        f"/api/v1/discussions/{draft.pk}/report",
        f"/api/v1/discussions/sections/{section.pk}/comments",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode(), url
    xlsx = b"".join(
        client.get(reverse("discussions:report_xlsx", args=[draft.pk])).streaming_content
    )
    assert secret.encode() not in xlsx
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert secret not in cells
    pdf = client.get(reverse("discussions:report_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_municipal_admin_of_another_territory_cannot_edit_the_draft(world, client):
    draft = draft_with(municipality=world.surgut, organizer=world.mayor_office)
    title = draft.title
    assert not world.urai_mayor_office.has_perm("discussions.change_draft", draft)
    with pytest.raises(PermissionDenied):
        services.draft_update(
            user=world.urai_mayor_office,
            draft=draft,
            data=DraftIn(title="Чужой", opens_at=draft.opens_at, closes_at=draft.closes_at),
        )
    with pytest.raises(PermissionDenied):
        services.version_publish(
            user=world.urai_mayor_office,
            draft=draft,
            sections=[SectionEdit(None, "Новый", "Текст")],
        )
    client.force_login(world.urai_mayor_office)
    assert client.get(reverse("discussions:edit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("discussions:sections", args=[draft.pk]), {}).status_code == 404
    draft.refresh_from_db()
    assert draft.title == title and draft.current_version == 1
    assert Section.objects.filter(draft=draft).count() == 3


def _docx(paragraphs) -> bytes:
    document = docx.Document()
    for style, text in paragraphs:
        if style == "h":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_with_three_headings_imports_as_three_sections(world):
    data = _docx(
        [
            ("h", "Общие положения"),
            ("p", "Правила действуют на всей территории."),
            ("h", "Дворы"),
            ("p", "Дворы убирают ежедневно."),
            ("p", "Снег вывозят за сутки."),
            ("h", "Парки"),
            ("p", "Газоны косят дважды в месяц."),
        ]
    )
    sections, headed = docx_sections(data)
    assert headed
    assert [s.heading for s in sections] == ["Общие положения", "Дворы", "Парки"]
    assert "Снег вывозят за сутки." in sections[1].text
    draft = services.draft_create(
        user=world.mayor_office,
        data=DraftIn(
            title="Правила",
            municipality=world.surgut,
            opens_at=Draft().created_at,
            closes_at=Draft().created_at.replace(year=2099),
        ),
        sections=services.as_edits(sections),
    )
    assert draft.sections.count() == 3
