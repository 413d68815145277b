"""Checks on an uploaded identity document: the type from its content, and its size."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Leading bytes of the only formats accepted; the name and the browser's content type are ignored.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
]


def max_upload_bytes() -> int:
    return int(getattr(settings, "VERIFICATION_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def detect_type(file: UploadedFile) -> str | None:
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_document(file: UploadedFile | None) -> str:
    """The detected content type of an acceptable document, or a ValidationError in Russian."""
    if file is None or not file.size:
        raise ValidationError(
            _("Choose a file with a scan or photo of the document."), code="empty"
        )
    limit_mb = max_upload_bytes() // (1024 * 1024)
    if file.size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large: at most %(mb)d MB is allowed.") % {"mb": limit_mb},
            code="too_large",
        )
    content_type = detect_type(file)
    if content_type is None:
        raise ValidationError(
            _("Only JPEG, PNG or PDF files are accepted."), code="unsupported_type"
        )
    return content_type
