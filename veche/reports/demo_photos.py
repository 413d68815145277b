"""Demo photos drawn with Pillow at seed time: a small coloured scene per category (a road with a
pothole, a yard, a house, a bus stop, a heap of rubbish) with the topic's name on a band. They
are written as already-clean JPEGs (made here, no metadata), a 640×480 file and a 320×240
thumbnail, under `reports/demo/` in the media storage; an existing file is reused, so seeding
again writes nothing new."""

import io
import random
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from .models import Report, ReportMedia

SIZE, THUMB = (640, 480), (320, 240)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# category slug → (sky, ground, what stands in the picture)
SCENES = {
    "roads": ("#9fc3e6", "#6d6f73", "pothole"),
    "yards": ("#a9d0f5", "#6aa84f", "swing"),
    "housing": ("#c9d6e3", "#8e8e8e", "house"),
    "transport": ("#b7d7f0", "#7a7a7a", "bus"),
    "ecology": ("#cfe2f3", "#93a26b", "heap"),
}
DEFAULT_SCENE = ("#d9e4ef", "#9a9a9a", "house")
# topic service code → a scene that fits it better than its category's
TOPIC_SCENES = {
    "street-lights": ("#34495e", "#5f6368", "lamp"),
    "snow-roads": ("#dfe9f3", "#f4f6f8", "snow"),
    "yard-snow": ("#dfe9f3", "#f4f6f8", "snow"),
}


def photo_for(report: Report) -> ReportMedia:
    """An unsaved photo row for the report (files written now, or found from an earlier run)."""
    name = f"reports/demo/{report.client_token}.jpg"
    thumb = f"reports/demo/thumbs/{report.client_token}.jpg"
    if not default_storage.exists(name):
        image = _scene(report.topic, report.client_token)
        name = default_storage.save(name, ContentFile(_jpeg(image)))
        thumb = default_storage.save(thumb, ContentFile(_jpeg(image.resize(THUMB))))
    return ReportMedia(
        report=report,
        kind=ReportMedia.Kind.PHOTO,
        file=name,
        thumbnail=thumb,
        content_type="image/jpeg",
        size=default_storage.size(name),
        order=0,
        created_at=report.created_at,
    )


def upload_for(topic, token: str):
    """The scene as an upload, for a demo report filed through the services (media processes it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = _scene(topic, token)
    return SimpleUploadedFile(f"{token}.jpg", _jpeg(image), content_type="image/jpeg")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, optimize=True)
    return out.getvalue()


def _scene(topic, seed: str) -> Image.Image:
    sky, ground, thing = TOPIC_SCENES.get(topic.service_code) or SCENES.get(
        topic.category.slug, DEFAULT_SCENE
    )
    label = topic.name
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(220, 280)
    draw.rectangle((0, horizon, SIZE[0], SIZE[1]), fill=ground)
    for _ in range(rng.randint(1, 3)):  # a few clouds
        x, y = rng.randint(0, 560), rng.randint(20, 120)
        draw.ellipse((x, y, x + rng.randint(60, 120), y + 30), fill="#f4f7fb")
    DRAWERS[thing](draw, rng, horizon)
    _label(draw, label)
    return image


def _pothole(draw, rng, horizon):
    draw.polygon([(260, horizon), (380, horizon), (600, 480), (40, 480)], fill="#4b4d50")
    draw.line([(320, horizon + 10), (320, 470)], fill="#e8e8e8", width=4)
    x, y = rng.randint(150, 380), rng.randint(horizon + 80, 380)
    draw.ellipse((x, y, x + 120, y + 45), fill="#2b2b2b", outline="#1b1b1b", width=3)


def _swing(draw, rng, horizon):
    x = rng.randint(120, 380)
    draw.line([(x, horizon + 60), (x + 60, horizon - 90), (x + 120, horizon + 60)], "#8b4513", 8)
    draw.line([(x + 60, horizon - 90), (x + 160, horizon - 90)], "#8b4513", 8)
    draw.line([(x + 100, horizon - 90), (x + 100, horizon + 10)], "#333333", 3)
    draw.line([(x + 130, horizon - 90), (x + 150, horizon + 20)], "#333333", 3)  # broken chain


def _house(draw, rng, horizon):
    x, floors = rng.randint(60, 300), rng.randint(3, 5)
    top = horizon + 40 - floors * 50
    draw.rectangle((x, top, x + 260, horizon + 40), fill="#d8cbb3", outline="#7d6f57", width=3)
    for row in range(floors):
        for col in range(5):
            wx, wy = x + 18 + col * 48, top + 14 + row * 50
            draw.rectangle((wx, wy, wx + 26, wy + 28), fill="#5b7da6")
    draw.ellipse((x + 200, top - 20, x + 250, top + 10), fill="#6b6b6b")  # a leak's stain


def _bus(draw, rng, horizon):
    x = rng.randint(60, 260)
    draw.rectangle(
        (x, horizon - 80, x + 300, horizon + 30), fill="#f1c232", outline="#7f6000", width=3
    )
    for col in range(5):
        draw.rectangle(
            (x + 15 + col * 56, horizon - 65, x + 55 + col * 56, horizon - 25), fill="#6fa8dc"
        )
    for wheel in (x + 60, x + 240):
        draw.ellipse((wheel - 22, horizon + 10, wheel + 22, horizon + 54), fill="#222222")
    draw.rectangle(
        (x + 330, horizon - 120, x + 338, horizon + 40), fill="#444444"
    )  # stop sign post


def _heap(draw, rng, horizon):
    x = rng.randint(80, 340)
    draw.polygon([(x, horizon + 150), (x + 110, horizon + 30), (x + 230, horizon + 150)], "#6b4f2a")
    for _ in range(14):
        px, py = rng.randint(x + 30, x + 200), rng.randint(horizon + 60, horizon + 140)
        colour = rng.choice(["#ffffff", "#3d85c6", "#cc0000", "#999999"])
        draw.rectangle((px, py, px + 14, py + 10), fill=colour)


def _lamp(draw, rng, horizon):
    for x in (rng.randint(60, 200), rng.randint(380, 540)):
        draw.rectangle((x, horizon - 150, x + 8, horizon + 40), fill="#2b2b2b")
        draw.rectangle((x - 10, horizon - 160, x + 30, horizon - 146), fill="#555555")  # dark lamp


def _snow(draw, rng, horizon):
    for _ in range(5):  # drifts
        x = rng.randint(0, 520)
        draw.ellipse((x, horizon + 40, x + 160, horizon + 120), fill="#ffffff", outline="#c9d3dd")
    x = rng.randint(120, 420)
    draw.rectangle((x, horizon + 50, x + 120, horizon + 95), fill="#b04a3a")  # a car stuck
    draw.rectangle((x + 20, horizon + 25, x + 95, horizon + 55), fill="#8fb3d9")


DRAWERS = {
    "lamp": _lamp,
    "snow": _snow,
    "pothole": _pothole,
    "swing": _swing,
    "house": _house,
    "bus": _bus,
    "heap": _heap,
}


@cache
def _font():
    if FONT.is_file():
        return ImageFont.truetype(str(FONT), 22)
    return None


def _label(draw, text: str) -> None:
    font = _font()
    draw.rectangle((0, SIZE[1] - 46, SIZE[0], SIZE[1]), fill="#1f2933")
    if font is None:  # no Cyrillic font on this machine: the band stays without words
        return
    shown = text if len(text) <= 48 else text[:47] + "…"
    draw.text((16, SIZE[1] - 36), shown, fill="#ffffff", font=font)
