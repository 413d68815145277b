"""Images: the size is read from the header and capped before a pixel is decoded, JPEGs decode at
a reduced scale, and every image is re-encoded from its pixels alone — so no EXIF, GPS, camera,
comment or bytes appended after the image survive."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .limits import max_image_pixels, max_request_pixels, megapixels

# MPO is how Pillow names the multi-picture JPEGs many phones write; its first picture is used.
FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Pillow refuses (DecompressionBombError) above twice its own warning threshold.
PILLOW_BOMB_PIXELS = 2 * (Image.MAX_IMAGE_PIXELS or 0)
DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)
ORIENTATION = 0x0112  # the EXIF tag a camera sets instead of turning the pixels
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Profile:
    """How one kind of image is stored: its longest side, a thumbnail, and its format."""

    max_side: int
    thumb_side: int | None = None
    keep_png: bool = False  # a scanned document stays lossless; photos become JPEG


PHOTO = Profile(max_side=2560, thumb_side=320)
DOCUMENT = Profile(max_side=4096, keep_png=True)


@dataclass
class EncodedImage:
    file: ContentFile
    thumbnail: ContentFile | None
    content_type: str


def random_name(extension: str) -> str:
    """Stored names are random: the uploader's file name is never a path."""
    return f"{get_random_string(24).lower()}.{extension}"


def looks_like_image(head: bytes) -> bool:
    """JPEG, PNG or WebP by the first bytes (16 are enough); decoding decides later."""
    webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith((JPEG_SIGNATURE, PNG_SIGNATURE)) or webp


class PixelBudget:
    """The pixels all images of one request may decode to (MEDIA_MAX_REQUEST_PIXELS), charged
    from the headers before any image is decoded."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = max_request_pixels() if limit is None else limit
        self.used = 0

    def charge(self, pixels: int) -> None:
        self.used += pixels
        if self.used > self.limit:
            raise ValidationError(
                _("The images together are too large (%(mpx)s Mpx): at most %(max)s Mpx at a time.")
                % {"mpx": megapixels(self.used), "max": megapixels(self.limit)},
                code="too_many_pixels",
            )


def too_large(upload: UploadedFile, pixels: int | None) -> ValidationError:
    shown = megapixels(pixels) if pixels else f"> {megapixels(PILLOW_BOMB_PIXELS)}"
    return ValidationError(
        _("«%(name)s»: the image is too large (%(mpx)s Mpx), at most %(max)s Mpx.")
        % {"name": upload.name, "mpx": shown, "max": megapixels(max_image_pixels())},
        code="too_many_pixels",
    )


def open_reduced(upload: UploadedFile, profile: Profile, *, refusal: str) -> Image.Image:
    """The image's header, set to decode at the smallest scale the profile needs; nothing is
    decoded yet. `refusal` is the message for what is not an accepted image."""
    try:
        image = Image.open(upload)
    except Image.DecompressionBombError as error:
        raise too_large(upload, None) from error
    except DECODE_ERRORS as error:
        raise ValidationError(refusal, code="unsupported_type") from error
    if image.format not in FORMATS:
        raise ValidationError(refusal, code="unsupported_type")
    declared = image.width * image.height
    _reduce_on_decode(image, profile.max_side)
    if image.width * image.height > max_image_pixels():
        raise too_large(upload, declared)
    return image


def _reduce_on_decode(image: Image.Image, side: int) -> None:
    """A JPEG larger than `side` decodes at 1/2, 1/4 or 1/8 scale for almost nothing: the
    smallest scale that keeps at least half of `side` (so a stored photo's longest side is
    between side/2 and side, and ten phone photos fit the request's budget). Other formats
    decode whole; their header size is what the caps count."""
    width, height = image.size
    if image.format not in ("JPEG", "MPO") or max(width, height) <= side:
        return
    scale = side / max(width, height) / 2
    image.draft(None, (max(1, int(width * scale)), max(1, int(height * scale))))


def reencode(image: Image.Image, profile: Profile, *, refusal: str) -> EncodedImage:
    """Decode (at the reduced scale chosen by open_reduced) and write a fresh file from the
    pixels, plus a thumbnail when the profile has one."""
    source_format = image.format
    try:
        image.load()
        # Shrink first (reducing by whole factors before the fine resample), then turn the small
        # image the way the camera meant: both are far cheaper than on the full picture.
        orientation = image.getexif().get(ORIENTATION)
        image.thumbnail((profile.max_side, profile.max_side), reducing_gap=1.0)
        image = _upright(image, orientation)
        icc = image.info.get("icc_profile")
        if profile.keep_png and source_format == "PNG":
            main, content_type = _encode(image, "PNG", icc), "image/png"
        else:
            main, content_type = _encode(image, "JPEG", icc), "image/jpeg"
        thumbnail = None
        if profile.thumb_side:
            image.thumbnail((profile.thumb_side, profile.thumb_side), reducing_gap=1.0)
            thumbnail = _encode(image, "JPEG", icc)
    except (*DECODE_ERRORS, Image.DecompressionBombError) as error:
        raise ValidationError(refusal, code="unsupported_type") from error
    finally:
        image.close()  # the decoded pixels are not kept until the request's other files are done
    return EncodedImage(main, thumbnail, content_type)


def _upright(image: Image.Image, orientation: int | None) -> Image.Image:
    method = TRANSPOSE.get(orientation or 1)
    return image.transpose(method) if method is not None else image


def _encode(image: Image.Image, image_format: str, icc: bytes | None) -> ContentFile:
    """Only pixels (and the colour profile, which says nothing about anyone) are written."""
    buffer = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if image_format == "JPEG":
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        rgb.save(buffer, format="JPEG", quality=85, **options)
        return ContentFile(buffer.getvalue(), name=random_name("jpg"))
    image.save(buffer, format="PNG", optimize=False, **options)
    return ContentFile(buffer.getvalue(), name=random_name("png"))
