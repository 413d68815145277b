"""MP4 videos: a strict walk of the box structure (what is not a well-formed MP4 is refused), and
blanking of the metadata boxes — where phones keep GPS (`udta/©xyz`, Apple's `meta` location key)
and camera details — without re-encoding.

Each metadata box is turned into a `free` box of the same size filled with zeros, so no byte of the
media moves and the sample offsets in `stco`/`co64` stay valid; players skip `free` boxes.
"""

from collections.abc import Iterator

# Adobe XMP packets ride in a `uuid` box with this id.
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
METADATA = {b"udta", b"meta"}
CONTAINERS = {b"moov", b"trak"}


def blank_metadata(data: bytearray, start: int = 0, end: int | None = None) -> int:
    """Blank every metadata box at this level and inside moov/trak; returns how many."""
    end = len(data) if end is None else end
    blanked, position = 0, start
    while position + 8 <= end:
        size = int.from_bytes(data[position : position + 4], "big")
        kind = bytes(data[position + 4 : position + 8])
        header = 8
        if size == 1:  # a 64-bit size follows the type
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:  # the box runs to the end
            size = end - position
        if size < header or position + size > end:
            break  # not a box we can trust: leave the rest as it is
        body = slice(position + header, position + size)
        if kind in METADATA or (kind == b"uuid" and data[body][:16] == XMP_UUID):
            data[position + 4 : position + 8] = b"free"
            data[body] = bytes(size - header)
            blanked += 1
        elif kind in CONTAINERS:
            blanked += blank_metadata(data, body.start, body.stop)
        position += size
    return blanked


# Boxes a playable MP4 may hold at its top level (ISO/IEC 14496-12), fragmented ones included.
TOP_LEVEL = {
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"meta", b"udta", b"moof",
    b"mfra", b"styp", b"sidx", b"ssix", b"prft", b"emsg", b"pdin",
}  # fmt: skip


class NotMp4(ValueError):
    """The bytes are not a well-formed MP4; the text says where the walk stopped."""


def check_mp4(data: bytes) -> None:
    """Raise NotMp4 unless the file is an `ftyp` box followed by known top-level boxes whose sizes
    add up to the file's end exactly, with one `moov` (holding `mvhd` and tracks that hold `tkhd`
    and `mdia`) and media data in `mdat`. HTML or a script behind an `ftyp` header fails here."""
    top = list(_boxes(data, 0, len(data), last_may_run_to_end=True))
    kinds = [kind for kind, _start, _end in top]
    if not kinds or kinds[0] != b"ftyp" or kinds.count(b"ftyp") != 1:
        raise NotMp4("the file does not start with one ftyp box")
    if unknown := set(kinds) - TOP_LEVEL:
        raise NotMp4(f"unexpected top-level boxes {sorted(unknown)}")
    if kinds.count(b"moov") != 1 or b"mdat" not in kinds:
        raise NotMp4("a playable MP4 has one moov box and media data (mdat)")
    _check_ftyp(data, *top[0][1:])
    _check_moov(data, *top[kinds.index(b"moov")][1:])


def _check_ftyp(data: bytes, start: int, end: int) -> None:
    # Major brand, minor version, then compatible brands: four printable characters each.
    body = data[start:end]
    if len(body) < 8 or (len(body) - 8) % 4 or not all(32 <= c < 127 for c in body[:4]):
        raise NotMp4("the ftyp box is malformed")


def _check_moov(data: bytes, start: int, end: int) -> None:
    children = list(_boxes(data, start, end))
    kinds = [kind for kind, _start, _end in children]
    if b"mvhd" not in kinds or b"trak" not in kinds:
        raise NotMp4("the moov box lacks a movie header or tracks")
    for kind, track_start, track_end in children:
        if kind == b"trak":
            track = {kind for kind, _start, _end in _boxes(data, track_start, track_end)}
            if not {b"tkhd", b"mdia"} <= track:
                raise NotMp4("a track lacks its header or media")


def _boxes(
    data: bytes, start: int, end: int, *, last_may_run_to_end: bool = False
) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each box from start to end; the boxes must fill the range
    exactly."""
    position = start
    while position < end:
        if position + 8 > end:
            raise NotMp4(f"a truncated box header at byte {position}")
        size = int.from_bytes(data[position : position + 4], "big")
        kind = bytes(data[position + 4 : position + 8])
        header = 8
        if size == 1:
            if position + 16 > end:
                raise NotMp4(f"a truncated box header at byte {position}")
            size, header = int.from_bytes(data[position + 8 : position + 16], "big"), 16
        elif size == 0 and last_may_run_to_end:
            size = end - position
        if size < header or position + size > end:
            raise NotMp4(f"the box at byte {position} does not fit the file")
        yield kind, position + header, position + size
        position += size


def duration_seconds(data: bytes) -> float | None:
    """The movie's length from its header (`moov/mvhd`: duration ÷ timescale), or for a
    fragmented file the `mvex/mehd` fragment duration; None when the file does not say. Call it
    after check_mp4."""
    top = {
        kind: (start, end)
        for kind, start, end in _boxes(data, 0, len(data), last_may_run_to_end=True)
    }
    moov = {kind: (start, end) for kind, start, end in _boxes(data, *top[b"moov"])}
    header = data[slice(*moov[b"mvhd"])]
    wide = header[:1] == b"\x01"  # version 1: 64-bit times and duration
    fields = (20, 24, 32) if wide else (12, 16, 20)
    if len(header) < fields[2]:
        raise NotMp4("the movie header is truncated")
    timescale = int.from_bytes(header[fields[0] : fields[1]], "big")
    duration = int.from_bytes(header[fields[1] : fields[2]], "big")
    if duration == 0 and b"mvex" in moov:
        duration = _fragment_duration(data, *moov[b"mvex"])
    if not timescale or not duration or duration == (1 << (8 * (fields[2] - fields[1]))) - 1:
        return None  # all ones: "unknown" in the standard
    return duration / timescale


def _fragment_duration(data: bytes, start: int, end: int) -> int:
    for kind, body, body_end in _boxes(data, start, end):
        if kind == b"mehd":
            size = 8 if data[body : body + 1] == b"\x01" else 4
            return int.from_bytes(data[body + 4 : min(body + 4 + size, body_end)], "big")
    return 0
