"""The caps on uploads, from settings (MEDIA_MAX_*; docs/configuration.md lists them)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MB = 1024 * 1024
MPX = 1_000_000


def max_mb(kind: str) -> int:
    """The size cap in MB of one `photo`, `video` or `document`."""
    return int(getattr(settings, f"MEDIA_MAX_{kind.upper()}_MB"))


def max_image_pixels() -> int:
    """Pixels one image may decode to (after the reduction its format allows)."""
    return int(settings.MEDIA_MAX_IMAGE_PIXELS)


def max_request_pixels() -> int:
    """Pixels all the images of one request may decode to together."""
    return int(settings.MEDIA_MAX_REQUEST_PIXELS)


def check_size(upload: UploadedFile, kind: str) -> None:
    if upload.size > max_mb(kind) * MB:
        messages = {
            "photo": _("«%(name)s»: the photo is too large, at most %(mb)d MB."),
            "video": _("«%(name)s»: the video is too large, at most %(mb)d MB."),
            "document": _("«%(name)s»: the file is too large, at most %(mb)d MB."),
        }
        raise ValidationError(
            messages[kind] % {"name": upload.name, "mb": max_mb(kind)}, code="too_large"
        )


def megapixels(pixels: int) -> str:
    """Pixels as the messages show them: whole megapixels, one decimal below ten."""
    return f"{pixels / MPX:.1f}" if pixels < 10 * MPX else str(round(pixels / MPX))
