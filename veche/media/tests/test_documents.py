"""Documents: images re-encoded, PDFs with active content refused, trailing bytes cut."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from veche.media.documents import process_document, process_documents
from veche.media.pdf import UnsafePdf, check_pdf

from .files import (
    GPS_IFD,
    HTML,
    MAKE,
    exif_of,
    jpeg_bytes,
    pdf,
    pdf_with_escaped_javascript,
    pdf_with_open_action_javascript,
    png_bytes,
    upload,
)


def refused(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        process_document(upload(name, data))
    return error.value


def test_an_image_attachment_loses_gps_camera_and_appended_html():
    document = process_document(upload("фото.jpg", jpeg_bytes(gps=True) + HTML))
    stored = document.file.read()
    assert document.content_type == "image/jpeg" and document.name == "фото.jpg"
    assert GPS_IFD not in exif_of(stored) and MAKE not in exif_of(stored)
    assert b"<script" not in stored and b"PhoneMaker" not in stored
    assert document.size == len(stored)


def test_a_png_scan_stays_a_png_without_its_exif():
    document = process_document(upload("scan.png", png_bytes(gps=True) + HTML))
    stored = document.file.read()
    assert document.content_type == "image/png" and stored.startswith(b"\x89PNG")
    assert exif_of(stored) == {} and b"<script" not in stored


@pytest.mark.parametrize(
    "data",
    [
        pdf_with_open_action_javascript(),
        pdf_with_escaped_javascript(),
        pdf(b"<< /Type /Filespec /EF << /F 5 0 R >> >>", root_extra=b"/AA << /O 4 0 R >>"),
        pdf(b"<< /S /Launch /F (cmd.exe) >>", root_extra=b"/OpenAction 4 0 R"),
        pdf(b"<< /XFA (form) >>", root_extra=b"/AcroForm 4 0 R"),
    ],
    ids=["open-action-js", "escaped-names", "additional-actions", "launch", "xfa"],
)
def test_a_pdf_with_active_content_is_refused(data):
    error = refused("ответ.pdf", data)
    assert error.code == "pdf_active"
    assert error.messages[0].startswith("«ответ.pdf»: PDF содержит скрипты, действия")


def test_a_pdf_with_javascript_written_by_a_pdf_library_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_open_action(JavaScript("app.alert(1);"))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refused("js.pdf", buffer.getvalue()).code == "pdf_active"


def test_the_escaped_names_are_found_by_the_walk_not_only_by_the_byte_scan():
    with pytest.raises(UnsafePdf) as error:
        check_pdf(pdf_with_escaped_javascript())
    assert error.value.code == "active"


def test_a_plain_pdf_is_kept_and_what_follows_its_end_is_cut():
    plain = pdf()
    document = process_document(upload("план.pdf", plain + HTML))
    assert document.content_type == "application/pdf"
    assert document.file.read() == plain


def test_other_files_and_broken_pdfs_are_refused_in_the_users_language():
    assert refused("run.exe", b"MZ\x90\x00" * 8).messages == [
        "«run.exe»: приложите файл PDF, JPEG или PNG."
    ]
    assert refused("broken.pdf", b"%PDF-1.7\n" + HTML).code == "pdf_unreadable"
    with translation.override("en"):
        assert refused("broken.pdf", b"%PDF-1.7\n" + HTML).messages == [
            "«broken.pdf»: the PDF cannot be read."
        ]


def test_a_document_over_the_size_cap_is_refused(settings):
    settings.MEDIA_MAX_DOCUMENT_MB = 1
    error = refused("big.pdf", pdf() + b"\n" * (1024 * 1024))
    assert error.code == "too_large"


def test_several_documents_share_one_pixel_budget(settings):
    settings.MEDIA_MAX_REQUEST_PIXELS = 400 * 300
    with pytest.raises(ValidationError) as error:
        process_documents([upload("a.png", png_bytes()), upload("b.png", png_bytes())])
    assert error.value.code == "too_many_pixels"
