"""Documents are served as downloads the browser never renders."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile

from veche.media.responses import attachment, download_name


class _Field:
    storage = default_storage


def test_a_document_is_served_as_an_attachment_without_sniffing():
    name = default_storage.save("answers/test.pdf", ContentFile(b"%PDF-1.7\n"))
    file = FieldFile(None, _Field(), name)
    response = attachment(file, filename="ответ.pdf", content_type="application/pdf")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n"
    assert "Cache-Control" not in response
    private = attachment(file, filename="id.pdf", content_type="application/pdf", private=True)
    assert private["Cache-Control"] == "private, no-store"


def test_the_download_name_has_the_extension_of_what_the_file_is():
    assert download_name("letter.html", "application/pdf") == "letter.pdf"
    assert download_name("C:\\Users\\me\\скан.PNG", "image/png") == "скан.png"
    assert download_name("", "image/jpeg") == "file.jpg"
