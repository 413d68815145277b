"""Serving stored documents: always as a download, never rendered by the browser."""

from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def download_name(name: str, content_type: str) -> str:
    """The uploader's name with the extension of what the file really is (a PDF named
    `letter.html` is saved as `letter.pdf`)."""
    stem = PurePath(name.replace("\\", "/")).stem or "file"
    return stem + EXTENSIONS.get(content_type, "")


def attachment(
    file: FieldFile, *, filename: str, content_type: str, private: bool = False
) -> FileResponse:
    """The file as a download (`Content-Disposition: attachment`) of the type it was stored as,
    with `nosniff`, so a browser never runs what a document may hide. `private` files (identity
    documents) are not kept by any cache."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
