"""Test files made on the fly, honest and hostile: a JPEG that carries GPS and camera EXIF, a fake
one, polyglots (an image or video header with HTML behind it), PDFs with active content, forged
image headers that declare huge sizes, and skeleton MP4 and WebM videos."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
MAKE, MODEL = 0x010F, 0x0110


def jpeg_with_gps(name: str = "photo.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 600), (120, 90, 60))
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Camera 3000"
    exif[GPS_IFD] = {1: "N", 2: (61.0, 15.0, 0.0), 3: "E", 4: (73.0, 23.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_jpeg(name: str = "virus.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 not an image at all", content_type="image/jpeg")


def exif_of(data: bytes) -> dict:
    return dict(Image.open(io.BytesIO(data)).getexif())


def box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


GPS = b"\xa9xyz" + b"+61.2540+073.3962/"


def mvhd(seconds: float, *, timescale: int = 1000, version: int = 0) -> bytes:
    """A movie header: version and flags, creation and change times, timescale, duration."""
    wide = 8 if version else 4
    times = bytes(2 * wide)
    duration = int(seconds * timescale).to_bytes(wide, "big")
    body = bytes([version, 0, 0, 0]) + times + timescale.to_bytes(4, "big") + duration
    return box(b"mvhd", body + bytes(80))


def mp4_with_gps(name: str = "clip.mp4", *, header: bytes | None = None) -> SimpleUploadedFile:
    """A skeleton MP4 of 12 seconds whose moov carries a phone's GPS box (udta/©xyz) and a track
    meta box."""
    udta = box(b"udta", box(GPS[:4], GPS[4:]))
    media = box(b"mdia", box(b"mdhd", bytes(24)))
    meta = box(b"meta", b"\x00" * 4 + b"Camera 3000")
    trak = box(b"trak", box(b"tkhd", bytes(84)) + media + meta)
    moov = box(b"moov", (header or mvhd(12)) + trak + udta)
    data = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + moov + box(b"mdat", b"frames" * 50)
    return SimpleUploadedFile(name, data, content_type="video/mp4")


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_bytes(size: tuple[int, int] = (800, 600), *, gps: bool = False) -> bytes:
    return jpeg_with_gps().read() if gps else _save(Image.new("RGB", size, (90, 120, 60)), "JPEG")


def png_bytes(size: tuple[int, int] = (400, 300), *, gps: bool = False) -> bytes:
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (61.0, 15.0, 0.0), 3: "E", 4: (73.0, 23.0, 0.0)}
        exif[MAKE] = "PhoneMaker"
    return _save(Image.new("RGB", size, (60, 90, 120)), "PNG", exif=exif)


def _save(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def forged_png(width: int, height: int) -> bytes:
    """A PNG whose header declares width × height but which holds no pixel data: decoding it
    fails, so a check that answers "too large" read the header without decoding."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload).to_bytes(4, "big")
        return len(payload).to_bytes(4, "big") + kind + payload + crc

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def pdf(*objects: bytes, root_extra: bytes = b"") -> bytes:
    """A small, well-formed PDF (with a cross-reference table) built by hand: a catalog (plus
    `root_extra`), one page, and any further objects numbered from 4."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + root_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def pdf_with_open_action_javascript() -> bytes:
    return pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>", root_extra=b"/OpenAction 4 0 R")


def pdf_with_escaped_javascript() -> bytes:
    """The same action with its names spelled with #xx escapes, which a byte scan misses."""
    return pdf(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>", root_extra=b"/Op#65nAction 4 0 R")


def mp4_with_html() -> bytes:
    """An `ftyp` header (what a 4-byte signature check looks at) with a web page behind it."""
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + HTML


def ebml(element_id: int, payload: bytes, *, unknown_size: bool = False) -> bytes:
    """An EBML element with an 8-byte size (or the unknown size recorders write)."""
    size = (
        b"\x01\xff\xff\xff\xff\xff\xff\xff"
        if unknown_size
        else ((1 << 56) | len(payload)).to_bytes(8, "big")
    )
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + size + payload


def webm(
    *, unknown_sizes: bool = False, seconds: float | None = 12.0, clusters: tuple = (0,)
) -> bytes:
    """A skeleton WebM: EBML header (DocType webm), Segment with Info (TimecodeScale 1 ms, and
    the Duration unless `seconds` is None, as browsers' recorders write it), Tracks and a Cluster
    per start time in `clusters` (ms), each with a block 500 ms in."""
    header = ebml(0x1A45DFA3, ebml(0x4286, b"\x01") + ebml(0x4282, b"webm"))
    duration = b"" if seconds is None else ebml(0x4489, struct.pack(">d", seconds * 1000))
    info = ebml(0x1549A966, ebml(0x2AD7B1, b"\x0f\x42\x40") + duration)
    tracks = ebml(0x1654AE6B, ebml(0xAE, ebml(0xD7, b"\x01") + ebml(0x86, b"V_VP8")))
    block = b"\x81" + (500).to_bytes(2, "big") + b"\x80" + b"frame" * 20
    cluster = b"".join(
        ebml(
            0x1F43B675,
            ebml(0xE7, start.to_bytes(4, "big")) + ebml(0xA3, block),
            unknown_size=unknown_sizes,
        )
        for start in clusters
    )
    segment = ebml(0x18538067, info + tracks + cluster, unknown_size=unknown_sizes)
    return header + segment


def webm_with_html() -> bytes:
    """An EBML header (DocType webm) with a web page behind it."""
    return ebml(0x1A45DFA3, ebml(0x4282, b"webm")) + HTML
