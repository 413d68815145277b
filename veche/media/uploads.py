"""Photos and videos (a report's, or any later module's): the type is read from the content,
sizes and pixels are capped before decoding, photos are re-encoded with a thumbnail (which drops
GPS, camera and every other metadata), videos must be well-formed MP4 or WebM and lose their MP4
metadata boxes, and are capped in length. docs/media.md describes what is accepted."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from .images import PHOTO, PixelBudget, looks_like_image, open_reduced, random_name, reencode
from .limits import check_duration, check_size
from .mp4 import NotMp4, blank_metadata, check_mp4
from .mp4 import duration_seconds as mp4_duration
from .webm import NotWebm, check_webm
from .webm import duration_seconds as webm_duration

MP4, WEBM = "video/mp4", "video/webm"


@dataclass
class ProcessedMedia:
    kind: str  # "photo" or "video"
    file: ContentFile
    thumbnail: ContentFile | None
    content_type: str
    size: int


def process_media(
    uploads: Sequence[UploadedFile], *, budget: PixelBudget | None = None
) -> list[ProcessedMedia]:
    """Every upload checked (all headers and caps first, so a refusal decodes nothing), then
    each photo decoded and re-encoded; `budget` counts the request's pixels."""
    budget = budget or PixelBudget()
    return [_finish(checked) for checked in [_check(upload, budget) for upload in uploads]]


@dataclass
class _Checked:
    """An upload that passed the checks: a video's bytes, or a photo's header (not decoded)."""

    upload: UploadedFile
    video: bytearray | None = None
    video_type: str | None = None
    image: Image.Image | None = None


def _check(upload: UploadedFile, budget: PixelBudget) -> _Checked:
    video_type = video_type_of(_head(upload))
    if video_type:
        return _Checked(upload, video=check_video(upload), video_type=video_type)
    check_size(upload, "photo")
    image = open_reduced(upload, PHOTO, refusal=_not_media(upload))
    budget.charge(image.width * image.height)
    return _Checked(upload, image=image)


def _finish(checked: _Checked) -> ProcessedMedia:
    if checked.video is not None:
        if checked.video_type == MP4:
            blank_metadata(checked.video)  # GPS and camera boxes; WebM from phones carries none
        extension = "mp4" if checked.video_type == MP4 else "webm"
        content = ContentFile(bytes(checked.video), name=random_name(extension))
        return ProcessedMedia("video", content, None, checked.video_type, content.size)
    encoded = reencode(checked.image, PHOTO, refusal=_not_media(checked.upload))
    return ProcessedMedia(
        "photo", encoded.file, encoded.thumbnail, encoded.content_type, encoded.file.size
    )


def check_video(upload: UploadedFile) -> bytearray:
    """The video's bytes if it is a well-formed MP4 or WebM within the size and length caps."""
    content_type = video_type_of(_head(upload))
    if content_type is None:
        raise ValidationError(_("Attach the video as an MP4 or WebM file."), code="not_video")
    check_size(upload, "video")
    upload.seek(0)
    data = bytearray(upload.read())
    upload.seek(0)
    try:
        (check_mp4 if content_type == MP4 else check_webm)(bytes(data))
        seconds = (mp4_duration if content_type == MP4 else webm_duration)(bytes(data))
    except (NotMp4, NotWebm) as error:
        raise ValidationError(
            _("«%(name)s» is not a playable MP4 or WebM video.") % {"name": upload.name},
            code="not_playable",
        ) from error
    check_duration(upload, seconds)
    return data


def video_type_of(head: bytes) -> str | None:
    """A video's type by its opening; check_video then walks the whole container."""
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"\x1aE\xdf\xa3"):
        return WEBM
    return None


def is_photo(upload: UploadedFile) -> bool:
    """A photo by its content (as process_media reads it), not by the type the client says."""
    return looks_like_image(_head(upload))


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _not_media(upload: UploadedFile) -> str:
    return _("«%(name)s» is not a photo (JPEG, PNG or WebP) or a video (MP4, WebM).") % {
        "name": upload.name
    }
