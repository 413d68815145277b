"""Markdown and .docx in, sections out; zip bombs and broken files refused; passages; the diff."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError

from veche.discussions.text import (
    diff_html,
    docx_sections,
    highlight,
    passage_in,
    render,
    split_markdown,
)


def test_markdown_headings_start_sections():
    sections = split_markdown("Вступление\n\n## Первый\nТекст 1\n\n### Второй\nТекст 2")
    assert [s.heading for s in sections] == ["Общие положения", "Первый", "Второй"]


def test_raw_html_is_cleaned_by_the_shared_sanitizer():
    html = render('<a href="javascript:alert(1)" onclick="x()">ссылка</a><img src=x onerror=y>')
    assert "javascript" not in html and "onclick" not in html and "<img" not in html


def test_a_docx_without_headings_is_one_section():
    document = docx.Document()
    document.add_paragraph("Только текст.")
    document.add_paragraph("Ещё абзац.")
    out = io.BytesIO()
    document.save(out)
    sections, headed = docx_sections(out.getvalue())
    assert not headed and len(sections) == 1
    assert "Ещё абзац." in sections[0].text


def test_a_corrupt_file_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="не удаётся прочитать"):
        docx_sections(b"PK\x03\x04 this is not a zip at all")
    with pytest.raises(ValidationError, match="не удаётся прочитать"):
        docx_sections(b"plain text")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (101 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError) as error:
        docx_sections(out.getvalue())
    assert error.value.code == "zip_bomb"


def test_too_many_entries_is_a_zip_bomb_too():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(1001):
            archive.writestr(f"f{n}", b"")
    with pytest.raises(ValidationError) as error:
        docx_sections(out.getvalue())
    assert error.value.code == "zip_bomb"


def test_a_file_over_10_mb_is_refused():
    with pytest.raises(ValidationError, match="10 МБ"):
        docx_sections(b"x" * (10 * 1024 * 1024 + 1))


def test_passages_are_found_whitespace_aside_and_highlighted():
    html = render("Снег вывозится\nв течение суток.")
    assert passage_in("вывозится в  течение", html)
    assert not passage_in("вывозят", html)
    assert "<mark>вывозится в течение</mark>" in highlight(
        render("Снег вывозится в течение суток."), ["вывозится в течение"]
    )


def test_the_diff_marks_words_without_relying_on_colour():
    html = diff_html("Снег вывозится в течение суток.", "Снег вывозится за шесть часов.")
    assert "<del>" in html and "<ins>" in html
    assert 'class="visually-hidden">[удалено:' in html
    assert "шесть" in html
    assert "<script" not in diff_html("", "<script>")
