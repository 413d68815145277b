"""Uploads: the type is read from the content, sizes are capped, photos are re-encoded (which
drops GPS, camera and every other metadata) and get a thumbnail."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .mp4 import blank_metadata

MB = 1024 * 1024
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# JPEG and PNG openings (WebP is RIFF….WEBP): enough to tell a photo before decoding it.
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
PHOTO_MAX_SIDE = 2560
THUMB_SIDE = 320
# Videos are stored as they came (no transcoder here): recognised by their container signature.
VIDEO_SIGNATURES = {b"ftyp": "video/mp4", b"\x1aE\xdf\xa3": "video/webm"}
DOCUMENT_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


@dataclass
class ProcessedMedia:
    kind: str
    file: ContentFile
    thumbnail: ContentFile | None
    content_type: str
    size: int


def _limit(name: str, default_mb: int) -> int:
    return getattr(settings, name, default_mb) * MB


def _name(extension: str) -> str:
    return f"{get_random_string(24).lower()}.{extension}"


def process_upload(upload: UploadedFile) -> ProcessedMedia:
    head = upload.read(16)
    upload.seek(0)
    video_type = _video_type(head)
    if video_type:
        return _video(upload, video_type)
    return _photo(upload)


def _video_type(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":
        return VIDEO_SIGNATURES[b"ftyp"]
    if head.startswith(b"\x1aE\xdf\xa3"):
        return VIDEO_SIGNATURES[b"\x1aE\xdf\xa3"]
    return None


def _video(upload: UploadedFile, content_type: str) -> ProcessedMedia:
    if upload.size > _limit("REPORT_MAX_VIDEO_MB", 100):
        raise ValidationError(
            _("The video is too large: at most %(mb)d MB.")
            % {"mb": _limit("REPORT_MAX_VIDEO_MB", 100) // MB}
        )
    extension = "mp4" if content_type == "video/mp4" else "webm"
    data = bytearray(upload.read())
    if content_type == "video/mp4":
        blank_metadata(data)  # GPS and camera boxes; WebM from phones carries none
    content = ContentFile(bytes(data), name=_name(extension))
    return ProcessedMedia("video", content, None, content_type, content.size)


def _photo(upload: UploadedFile) -> ProcessedMedia:
    if upload.size > _limit("REPORT_MAX_PHOTO_MB", 15):
        raise ValidationError(
            _("The photo is too large: at most %(mb)d MB.")
            % {"mb": _limit("REPORT_MAX_PHOTO_MB", 15) // MB}
        )
    image = _open_image(upload)
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    photo = _encode(image)
    image.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return ProcessedMedia("photo", photo, _encode(image), "image/jpeg", photo.size)


def _open_image(upload: UploadedFile) -> Image.Image:
    message = _("«%(name)s» is not a photo (JPEG, PNG or WebP) or a video (MP4, WebM).") % {
        "name": upload.name
    }
    try:
        image = Image.open(upload)
        if image.format not in PHOTO_FORMATS or image.width * image.height > MAX_PIXELS:
            raise ValidationError(message)
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(message) from error
    return image


def _encode(image: Image.Image) -> ContentFile:
    """A fresh JPEG from the pixels alone: no EXIF, GPS, camera or comment survives."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name=_name("jpg"))


def process_document(upload: UploadedFile) -> dict:
    """An answer's attachment (PDF or image): checked by signature and size, stored as is."""
    if upload.size > _limit("REPORT_MAX_DOCUMENT_MB", 20):
        raise ValidationError(
            _("The file is too large: at most %(mb)d MB.")
            % {"mb": _limit("REPORT_MAX_DOCUMENT_MB", 20) // MB}
        )
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            extension = content_type.split("/")[1].replace("jpeg", "jpg")
            content = ContentFile(upload.read(), name=_name(extension))
            return {
                "file": content,
                "name": (upload.name or content.name)[:200],
                "content_type": content_type,
                "size": content.size,
            }
    raise ValidationError(_("«%(name)s»: attach a PDF, JPEG or PNG file.") % {"name": upload.name})
