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


def max_video_seconds() -> int:
    return int(settings.MEDIA_MAX_VIDEO_SECONDS)


def clock(seconds: float) -> str:
    """A length as a player shows it: 3:00, 1:02:34."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def check_duration(upload: UploadedFile, seconds: float | None) -> None:
    """Refuse a video longer than MEDIA_MAX_VIDEO_SECONDS, or one whose length the container does
    not state (else the cap could be dodged by leaving it out)."""
    if seconds is None:
        raise ValidationError(
            _("«%(name)s»: the video does not say how long it is; save it again as MP4 or WebM.")
            % {"name": upload.name},
            code="no_duration",
        )
    if seconds > max_video_seconds():
        raise ValidationError(
            _("«%(name)s»: the video lasts %(length)s, at most %(limit)s.")
            % {"name": upload.name, "length": clock(seconds), "limit": clock(max_video_seconds())},
            code="too_long",
        )


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
