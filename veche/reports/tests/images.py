"""The test files of reports' tests: made by veche/media's test helpers (one place for them)."""

from veche.media.tests.files import (  # noqa: F401
    GPS,
    GPS_IFD,
    MAKE,
    MODEL,
    box,
    exif_of,
    fake_jpeg,
    jpeg_with_gps,
    mp4_with_gps,
)
