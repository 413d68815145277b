"""Test images made on the fly: a JPEG that carries GPS and camera EXIF, and a fake one."""

import io

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


def mp4_with_gps(name: str = "clip.mp4") -> SimpleUploadedFile:
    """A skeleton MP4 whose moov carries a phone's GPS box (udta/©xyz) and a track meta box."""
    udta = box(b"udta", box(GPS[:4], GPS[4:]))
    trak = box(b"trak", box(b"tkhd", bytes(84)) + box(b"meta", b"\x00" * 4 + b"Camera 3000"))
    moov = box(b"moov", box(b"mvhd", bytes(100)) + trak + udta)
    data = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + moov + box(b"mdat", b"frames" * 50)
    return SimpleUploadedFile(name, data, content_type="video/mp4")
