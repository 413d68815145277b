from veche.reports.mp4 import blank_metadata
from veche.reports.tests.images import mp4_with_gps
from veche.reports.uploads import process_upload


def test_video_keeps_every_media_byte_but_loses_gps_and_camera_boxes():
    original = mp4_with_gps().read()
    processed = process_upload(mp4_with_gps())
    data = processed.file.read()
    assert processed.kind == "video" and processed.content_type == "video/mp4"
    assert len(data) == len(original)
    assert b"+61.2540" not in data and b"Camera 3000" not in data
    assert data.endswith(b"frames" * 50)  # the media did not move: offsets stay valid
    assert data.count(b"free") == 2


def test_a_box_that_lies_about_its_size_stops_the_scan_without_damage():
    data = bytearray(b"\x00\x00\x10\x00moov" + b"udta")  # claims 4096 bytes, has 12
    assert blank_metadata(data) == 0
    assert bytes(data) == b"\x00\x00\x10\x00moovudta"
