"""Photos: re-encoded from their pixels, sized from the header before decoding, decoded at a
reduced scale, and capped per image and per request."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from veche.media.images import PixelBudget
from veche.media.uploads import process_media

from .files import GPS_IFD, HTML, MAKE, exif_of, forged_png, jpeg_bytes, png_bytes, upload


def refusal(uploads, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        process_media(uploads, **kwargs)
    return error.value


def test_a_photo_loses_gps_camera_and_what_was_appended_to_it():
    polyglot = jpeg_bytes(gps=True) + HTML
    [photo] = process_media([upload("photo.jpg", polyglot)])
    stored = photo.file.read()
    assert photo.kind == "photo" and photo.content_type == "image/jpeg"
    assert GPS_IFD not in exif_of(stored) and MAKE not in exif_of(stored)
    assert b"<script" not in stored and b"PhoneMaker" not in stored
    assert b"<script" not in photo.thumbnail.read()


def test_a_png_with_gps_in_its_exif_chunk_is_stored_without_it():
    [photo] = process_media([upload("screen.png", png_bytes(gps=True))])
    assert exif_of(photo.file.read()) == {}


def test_an_image_over_the_cap_is_refused_from_its_header_with_its_megapixels():
    # The forged file has no pixel data: had it been decoded, the answer would be "not a photo".
    error = refusal([upload("strip.png", forged_png(50_000, 1_000))])
    assert error.messages == [
        "«strip.png»: изображение слишком большое (50 Мпикс), допускается не более 40 Мпикс."
    ]
    with translation.override("en"):
        error = refusal([upload("strip.png", forged_png(50_000, 1_000))])
    assert error.messages == ["«strip.png»: the image is too large (50 Mpx), at most 40 Mpx."]


def test_ten_images_at_the_cap_are_refused_before_any_is_decoded():
    uploads = [upload(f"{n}.png", forged_png(8_000, 5_000)) for n in range(10)]
    error = refusal(uploads)
    assert error.messages == [
        "Изображения вместе слишком большие (80 Мпикс): за один раз допускается не более 60 Мпикс."
    ]


def test_phone_photos_decode_at_half_scale_so_ten_fit_the_request_budget():
    twelve_megapixels = jpeg_bytes((4000, 3000))
    budget = PixelBudget()
    photos = process_media(
        [upload(f"{n}.jpg", twelve_megapixels) for n in range(10)], budget=budget
    )
    assert budget.used == 10 * 2000 * 1500  # what was decoded, not what was declared
    assert budget.used <= 60_000_000
    assert all(Image.open(io.BytesIO(p.file.read())).size == (2000, 1500) for p in photos)


def test_the_request_budget_counts_every_image_and_holds_at_its_limit(settings):
    settings.MEDIA_MAX_REQUEST_PIXELS = 3 * 400 * 300
    budget = PixelBudget()
    process_media([upload(f"{n}.png", png_bytes()) for n in range(3)], budget=budget)
    assert budget.used == 3 * 400 * 300
    error = refusal([upload(f"{n}.png", png_bytes()) for n in range(4)])
    assert "(0.5 Мпикс)" in error.messages[0]


def test_what_is_not_an_image_is_refused_as_such():
    error = refusal([upload("virus.jpg", b"\xff\xd8\xff\xe0" + b"MZ" * 40)])
    assert error.messages == [
        "«virus.jpg» — не фотография (JPEG, PNG, WebP) и не видео (MP4, WebM)."
    ]


def test_a_photo_within_the_stored_size_is_decoded_and_kept_whole():
    budget = PixelBudget()
    [photo] = process_media([upload("small.jpg", jpeg_bytes((800, 600)))], budget=budget)
    assert budget.used == 800 * 600
    assert Image.open(io.BytesIO(photo.file.read())).size == (800, 600)


def test_a_photo_turned_by_its_exif_orientation_is_stored_upright_without_the_tag():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 10, 10)).save(buffer, format="JPEG", exif=exif)
    [photo] = process_media([upload("turned.jpg", buffer.getvalue())])
    stored = photo.file.read()
    assert Image.open(io.BytesIO(stored)).size == (60, 80)
    assert 0x0112 not in exif_of(stored)
