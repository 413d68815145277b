"""The pages: residents' and the organizer's, each post through one service."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from veche.comments.models import Comment
from veche.discussions.models import Draft, DraftComment, Rating

from .factories import closed, draft_with, published_comment


def test_the_list_shows_open_and_closed_drafts(world, client):
    open_draft = draft_with(municipality=world.surgut, title="Открытый проект")
    closed_draft = closed(draft_with(municipality=world.surgut, title="Закрытый проект"))
    page = client.get(reverse("discussions:list")).content.decode()
    assert open_draft.title in page and closed_draft.title not in page
    page = client.get(reverse("discussions:list") + "?phase=closed").content.decode()
    assert closed_draft.title in page


def test_the_draft_page_shows_sections_counts_and_highlighted_passages(world, client):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.get(heading="Содержание дворов")
    published_comment(draft=draft, author=world.anna, section=section, passage="Снег вывозится")
    published_comment(draft=draft, author=world.oleg, section=section)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Содержание дворов" in page and "2 комментария<" in page
    assert "<mark>Снег вывозится</mark>" in page


def test_a_resident_comments_on_a_pasted_passage_without_javascript(world, client):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.get(heading="Парки и скверы")
    client.force_login(world.anna)
    response = client.post(
        reverse("discussions:comment", args=[draft.pk]),
        {
            "section": section.pk,
            "passage": "косят не реже",
            "text": "Чаще!",
            "is_proposal": "on",
            "wording": "Газоны косят еженедельно.",
        },
    )
    note = DraftComment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/sections/{section.pk}/#comment-{note.comment_id}")
    assert note.passage == "косят не реже" and note.is_proposal


def test_a_bad_comment_comes_back_with_its_text(world, client):
    draft = draft_with(municipality=world.surgut)
    client.force_login(world.anna)
    response = client.post(
        reverse("discussions:comment", args=[draft.pk]), {"text": "Моё мнение", "is_proposal": "on"}
    )
    assert response.status_code == 400
    assert "Моё мнение" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_after_closing_are_refused_on_the_web(world, client):
    draft = closed(draft_with(municipality=world.surgut))
    client.force_login(world.anna)
    response = client.post(reverse("discussions:comment", args=[draft.pk]), {"text": "Поздно"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_rating_on_the_web(world, client):
    draft = draft_with(municipality=world.surgut)
    client.force_login(world.anna)
    client.post(reverse("discussions:rate", args=[draft.pk]), {"value": "neutral"})
    client.post(reverse("discussions:rate", args=[draft.pk]), {"value": "support"})
    draft.refresh_from_db()
    assert (draft.support_count, draft.neutral_count) == (1, 0)
    assert Rating.objects.get().value == "support"


def test_the_organizer_creates_a_draft_from_markdown(world, client):
    client.force_login(world.mayor_office)
    response = client.post(
        reverse("discussions:new"),
        {
            "title": "Проект программы",
            "municipality": world.surgut.pk,
            "opens_at": "2030-01-01T10:00",
            "closes_at": "2030-02-01T10:00",
            "markdown": "## Цели\nТекст целей\n\n## Задачи\nТекст задач",
        },
    )
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert list(draft.sections.values_list("heading", flat=True)) == ["Цели", "Задачи"]


def test_the_organizer_imports_a_docx_without_headings_and_is_told(world, client):
    document = docx.Document()
    document.add_paragraph("Сплошной текст без заголовков.")
    out = io.BytesIO()
    document.save(out)
    client.force_login(world.mayor_office)
    response = client.post(
        reverse("discussions:new"),
        {
            "title": "Проект",
            "municipality": world.surgut.pk,
            "opens_at": "2030-01-01T10:00",
            "closes_at": "2030-02-01T10:00",
            "docx": SimpleUploadedFile("d.docx", out.getvalue()),
        },
        follow=True,
    )
    assert Draft.objects.get().sections.count() == 1
    assert "нет заголовков" in response.content.decode()


def test_a_corrupt_docx_is_refused_on_the_form(world, client):
    client.force_login(world.mayor_office)
    response = client.post(
        reverse("discussions:new"),
        {
            "title": "Проект",
            "municipality": world.surgut.pk,
            "opens_at": "2030-01-01T10:00",
            "closes_at": "2030-02-01T10:00",
            "docx": SimpleUploadedFile("d.docx", b"PK\x03\x04garbage"),
        },
    )
    assert response.status_code == 200
    assert "не удаётся прочитать" in response.content.decode()
    assert not Draft.objects.exists()


def test_the_organizer_publishes_a_new_version(world, client):
    draft = draft_with(municipality=world.surgut)
    sections = list(draft.sections.order_by("position"))
    client.force_login(world.mayor_office)
    assert client.get(reverse("discussions:sections", args=[draft.pk])).status_code == 200
    data = {"note": "Правки"}
    for i, s in enumerate(sections):
        data.update({f"s{i}_id": s.pk, f"s{i}_heading": s.heading, f"s{i}_text": "Новый текст"})
    data["s2_remove"] = "on"
    response = client.post(reverse("discussions:sections", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.current_version == 2
    assert draft.sections.filter(removed_in=2).count() == 1


def test_the_organizer_answers_and_publishes_the_report(world, client):
    draft = draft_with(municipality=world.surgut)
    note = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Иначе")
    draft = closed(draft)
    client.force_login(world.mayor_office)
    assert client.get(reverse("discussions:answers", args=[draft.pk])).status_code == 200
    client.post(reverse("discussions:report_publish", args=[draft.pk]), {"summary": ""})
    draft.refresh_from_db()
    assert draft.report_published_at is None
    client.post(
        reverse("discussions:answer", args=[draft.pk, note.pk]),
        {"outcome": "partial", "reason": "Учтём частично"},
    )
    response = client.post(
        reverse("discussions:report_publish", args=[draft.pk]), {"summary": "Итоги"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.report_published_at is not None
    page = client.get(reverse("discussions:report", args=[draft.pk])).content.decode()
    assert "Учтём частично" in page and "Анна П." in page


def test_the_report_is_not_public_before_it_is_published(world, client):
    draft = closed(draft_with(municipality=world.surgut))
    assert client.get(reverse("discussions:report", args=[draft.pk])).status_code == 403


def test_the_cached_sections_show_a_new_comment_at_once(world, client, settings):
    settings.GUEST_PAGE_CACHE_SECONDS = 0
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.get(heading="Парки и скверы")
    client.force_login(world.oleg)
    assert "1 комментарий<" not in client.get(draft.get_absolute_url()).content.decode()
    published_comment(draft=draft, author=world.anna, section=section, passage="Газоны косят")
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "1 комментарий<" in page and "<mark>Газоны косят</mark>" in page


def test_the_cabinet_lists_my_proposals_with_their_answers(world, client):
    from veche.discussions import services

    draft = draft_with(municipality=world.surgut, title="Проект со многими предложениями")
    note = published_comment(draft=draft, author=world.anna, is_proposal=True, wording="Иначе")
    draft = closed(draft)
    services.proposal_answer(user=world.mayor_office, note=note, outcome="accepted")
    services.report_publish(user=world.mayor_office, draft=draft)
    client.force_login(world.anna)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Проект со многими предложениями" in page and "учтено" in page


def test_the_section_thread_shows_the_passage_each_comment_quotes(world, client):
    draft = draft_with(municipality=world.surgut)
    section = draft.sections.get(heading="Содержание дворов")
    quoting = published_comment(
        draft=draft, author=world.anna, section=section, passage="Снег вывозится"
    )
    plain = published_comment(draft=draft, author=world.oleg, section=section)
    page = client.get(reverse("discussions:section", args=[draft.pk, section.pk])).content.decode()
    quoted = page.split(f'id="comment-{quoting.comment_id}"')[1].split("</article>")[0]
    unquoted = page.split(f'id="comment-{plain.comment_id}"')[1].split("</article>")[0]
    assert '<blockquote class="comment-quote">' in quoted and "«Снег вывозится»" in quoted
    assert "comment-quote" not in unquoted


def test_the_draft_page_has_one_form_for_a_new_comment(world, client):
    draft = draft_with(municipality=world.surgut)
    published_comment(draft=draft, author=world.oleg)
    client.force_login(world.anna)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.count(reverse("discussions:comment", args=[draft.pk])) == 1
    assert 'id="comment-new-text"' not in page  # the thread's own composer is left out
    assert 'id="comments-title"' in page and 'id="reply-' in page  # the thread, with replies
