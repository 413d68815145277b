"""Videos: a strict walk of the MP4 boxes or WebM elements, and MP4 metadata blanked in place."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from veche.media import mp4
from veche.media import webm as webm_module
from veche.media.mp4 import NotMp4, blank_metadata, check_mp4
from veche.media.uploads import process_media
from veche.media.webm import NotWebm, check_webm

from .files import (
    HTML,
    box,
    ebml,
    mp4_with_gps,
    mp4_with_html,
    mvhd,
    upload,
    webm,
    webm_with_html,
)


def test_video_keeps_every_media_byte_but_loses_gps_and_camera_boxes():
    original = mp4_with_gps().read()
    [processed] = process_media([mp4_with_gps()])
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


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        process_media([upload(name, data)])
    return error.value.messages


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.mp4", mp4_with_html()),
        ("page.webm", webm_with_html()),
        ("tail.mp4", mp4_with_gps().read() + HTML),
        ("tail.webm", webm() + HTML),
        ("nomoov.mp4", box(b"ftyp", b"isom\x00\x00\x02\x00isom") + box(b"mdat", b"frames")),
        ("nodata.mp4", mp4_with_gps().read().split(b"\x00\x00\x01\x34mdat")[0]),
    ],
)
def test_what_only_starts_like_a_video_is_refused(name, data):
    assert refused(name, data) == [f"«{name}» — не воспроизводимое видео MP4 или WebM."]


def test_webm_with_an_attachment_is_refused():
    data = bytearray(webm())
    attachment = ebml(0x1941A469, ebml(0x61A7, HTML))
    segment = data.index(b"\x18\x53\x80\x67")
    body = segment + 4 + 8
    size = int.from_bytes(data[segment + 4 : body], "big") & ((1 << 56) - 1)
    data[segment + 4 : body] = ((1 << 56) | (size + len(attachment))).to_bytes(8, "big")
    assert refused("mail.webm", bytes(data + attachment))


@pytest.mark.parametrize("unknown_sizes", [False, True])
def test_a_well_formed_webm_is_stored_as_it_came(unknown_sizes):
    data = webm(unknown_sizes=unknown_sizes)
    [video] = process_media([upload("clip.webm", data)])
    assert video.kind == "video" and video.content_type == "video/webm"
    assert video.file.read() == data


def test_the_walks_accept_the_skeletons_and_name_the_fault():
    check_mp4(mp4_with_gps().read())
    check_webm(webm())
    with pytest.raises(NotMp4, match="does not fit"):
        check_mp4(mp4_with_html())
    with pytest.raises(NotWebm, match="does not fit"):
        check_webm(webm_with_html())


def test_the_length_is_read_from_the_mp4_header_of_either_version():
    for version in (0, 1):
        data = mp4_with_gps(header=mvhd(179.5, timescale=90000, version=version)).read()
        assert mp4.duration_seconds(data) == pytest.approx(179.5)
    fragmented = mp4_with_gps(header=mvhd(0)).read()
    assert mp4.duration_seconds(fragmented) is None


def test_the_length_is_read_from_webm_info_or_else_from_its_last_block():
    assert webm_module.duration_seconds(webm(seconds=95.0)) == pytest.approx(95.0)
    recorded = webm(seconds=None, clusters=(0, 30_000, 200_000), unknown_sizes=True)
    assert webm_module.duration_seconds(recorded) == pytest.approx(200.5)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("long.mp4", mp4_with_gps(header=mvhd(181)).read()),
        ("long.webm", webm(seconds=240.0)),
        ("recorded.webm", webm(seconds=None, clusters=(0, 200_000))),
    ],
)
def test_a_video_longer_than_three_minutes_is_refused_with_its_length(name, data):
    [message] = refused(name, data)
    assert message.startswith(f"«{name}»") and "3:00" in message


def test_a_video_that_hides_its_length_is_refused():
    assert refused("nolength.mp4", mp4_with_gps(header=mvhd(0)).read())


def test_the_cap_is_a_setting_and_three_minutes_pass():
    [video] = process_media([mp4_with_gps(header=mvhd(180))])
    assert video.kind == "video"
    with override_settings(MEDIA_MAX_VIDEO_SECONDS=10):
        assert refused("clip.webm", webm(seconds=12.0))
