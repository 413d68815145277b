"""Documents (an official's answer attachments, an identity document, any later module's files):
PDF, JPEG or PNG by content. Images are re-encoded (no EXIF, GPS or appended bytes survive); PDFs
with active content are refused and are cut after their last %%EOF. Serve them with
`responses.attachment`, never inline."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .images import (
    DOCUMENT,
    JPEG_SIGNATURE,
    PNG_SIGNATURE,
    PixelBudget,
    open_reduced,
    random_name,
    reencode,
)
from .limits import check_size
from .pdf import UnsafePdf, check_pdf

PDF_SIGNATURE = b"%PDF-"


@dataclass
class ProcessedDocument:
    file: ContentFile
    name: str  # the uploader's name for it, to show; never used as a path
    content_type: str
    size: int


def process_documents(
    uploads: Sequence[UploadedFile], *, budget: PixelBudget | None = None
) -> list[ProcessedDocument]:
    """Every document checked first (so a refusal decodes nothing), then each one cleaned."""
    budget = budget or PixelBudget()
    checked = [_check(upload, budget) for upload in uploads]
    return [_finish(upload, item) for upload, item in zip(uploads, checked, strict=True)]


def process_document(upload: UploadedFile) -> ProcessedDocument:
    return process_documents([upload])[0]


def _check(upload: UploadedFile, budget: PixelBudget):
    """A PDF's cleaned bytes, or an image's header (not decoded yet)."""
    check_size(upload, "document")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(PDF_SIGNATURE):
        return _checked_pdf(upload)
    if head.startswith((JPEG_SIGNATURE, PNG_SIGNATURE)):
        image = open_reduced(upload, DOCUMENT, refusal=_unsupported(upload))
        budget.charge(image.width * image.height)
        return image
    raise _unsupported_error(upload)


def _checked_pdf(upload: UploadedFile) -> bytes:
    try:
        return check_pdf(upload.read())
    except UnsafePdf as error:
        messages = {
            "active": _(
                "«%(name)s»: the PDF contains scripts, actions or embedded files; "
                "save it as a plain PDF (for example, print it to PDF) and attach it again."
            ),
            "encrypted": _(
                "«%(name)s»: the PDF is password-protected; attach it without a password."
            ),
            "unreadable": _("«%(name)s»: the PDF cannot be read."),
        }
        raise ValidationError(
            messages[error.code] % {"name": upload.name}, code=f"pdf_{error.code}"
        ) from error
    finally:
        upload.seek(0)


def _finish(upload: UploadedFile, checked) -> ProcessedDocument:
    name = (upload.name or "")[:200]
    if isinstance(checked, bytes):
        content = ContentFile(checked, name=random_name("pdf"))
        return ProcessedDocument(content, name or content.name, "application/pdf", content.size)
    encoded = reencode(checked, DOCUMENT, refusal=_unsupported(upload))
    return ProcessedDocument(
        encoded.file, name or encoded.file.name, encoded.content_type, encoded.file.size
    )


def _unsupported(upload: UploadedFile) -> str:
    return _("«%(name)s»: attach a PDF, JPEG or PNG file.") % {"name": upload.name}


def _unsupported_error(upload: UploadedFile) -> ValidationError:
    return ValidationError(_unsupported(upload), code="unsupported_type")
