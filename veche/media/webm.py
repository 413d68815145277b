"""WebM videos: a strict walk of the EBML element structure (what is not a well-formed WebM is
refused). Browsers' recorders write the Segment and its Clusters with an unknown size; a Cluster
of unknown size ends where the next Segment-level element begins."""

import struct
from collections.abc import Iterator

EBML = 0x1A45DFA3
DOC_TYPE = 0x4282
SEGMENT = 0x18538067
CLUSTER = 0x1F43B675
TRACKS, TRACK_ENTRY, INFO = 0x1654AE6B, 0xAE, 0x1549A966
VOID, CRC32 = 0xEC, 0xBF
# What a WebM Segment may hold (Attachments, which can carry any file, are not WebM).
SEGMENT_CHILDREN = {
    0x114D9B74,  # SeekHead
    INFO,
    TRACKS,
    CLUSTER,
    0x1C53BB6B,  # Cues
    0x1043A770,  # Chapters
    0x1254C367,  # Tags
    VOID,
    CRC32,
}
CLUSTER_CHILDREN = {0xE7, 0x5854, 0xA7, 0xAB, 0xA3, 0xA0, 0xAF, VOID, CRC32}
UNKNOWN = -1


class NotWebm(ValueError):
    """The bytes are not a well-formed WebM; the text says where the walk stopped."""


def check_webm(data: bytes) -> None:
    """Raise NotWebm unless the file is an EBML header with DocType `webm` followed by one
    Segment that runs to the file's end and holds Info, Tracks (with a track) and a Cluster."""
    element_id, body, end = _element(data, 0, len(data))
    if element_id != EBML or end == UNKNOWN:
        raise NotWebm("the file does not start with an EBML header")
    header = dict((i, data[s:e]) for i, s, e in _children(data, body, end))
    if header.get(DOC_TYPE, b"").rstrip(b"\x00") != b"webm":
        raise NotWebm("the EBML DocType is not webm")
    element_id, body, segment_end = _element(data, end, len(data))
    if element_id != SEGMENT:
        raise NotWebm("the EBML header is not followed by a Segment")
    segment_end = len(data) if segment_end == UNKNOWN else segment_end
    if segment_end != len(data):
        raise NotWebm("bytes follow the Segment")
    _check_segment(data, body, segment_end)


def _check_segment(data: bytes, start: int, end: int) -> None:
    seen: set[int] = set()
    position = start
    while position < end:
        element_id, body, element_end = _element(data, position, end)
        if element_id not in SEGMENT_CHILDREN:
            raise NotWebm(f"element {element_id:#x} at byte {position} has no place in a Segment")
        if element_end == UNKNOWN:
            if element_id != CLUSTER:
                raise NotWebm(f"element {element_id:#x} at byte {position} has no size")
            element_end = _cluster_end(data, body, end)
        if element_id == TRACKS:
            entries = [i for i, _s, _e in _children(data, body, element_end)]
            if TRACK_ENTRY not in entries or set(entries) - {TRACK_ENTRY, VOID, CRC32}:
                raise NotWebm("the Tracks element holds no track")
        seen.add(element_id)
        position = element_end
    if not {INFO, TRACKS, CLUSTER} <= seen:
        raise NotWebm("a playable WebM has Info, Tracks and at least one Cluster")


def _cluster_end(data: bytes, start: int, end: int) -> int:
    """Where a Cluster of unknown size ends: at the next Segment-level element or the end."""
    position = start
    while position < end:
        element_id, _body, element_end = _element(data, position, end)
        if element_id in SEGMENT_CHILDREN - {VOID, CRC32}:
            return position
        if element_id not in CLUSTER_CHILDREN or element_end == UNKNOWN:
            raise NotWebm(f"element {element_id:#x} at byte {position} has no place in a Cluster")
        position = element_end
    return end


def _children(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(id, body start, body end) of each sized element that together fill start..end exactly."""
    position = start
    while position < end:
        element_id, body, element_end = _element(data, position, end)
        if element_end == UNKNOWN:
            raise NotWebm(f"element {element_id:#x} at byte {position} has no size")
        yield element_id, body, element_end
        position = element_end


def _element(data: bytes, position: int, end: int) -> tuple[int, int, int]:
    """(id, body start, body end or UNKNOWN) of the element at position, which must fit."""
    element_id, id_length = _vint(data, position, end, max_length=4, keep_marker=True)
    size, size_length = _vint(data, position + id_length, end, max_length=8, keep_marker=False)
    body = position + id_length + size_length
    if size == UNKNOWN:
        return element_id, body, UNKNOWN
    if body + size > end:
        raise NotWebm(f"the element at byte {position} does not fit the file")
    return element_id, body, body + size


def _vint(
    data: bytes, position: int, end: int, *, max_length: int, keep_marker: bool
) -> tuple[int, int]:
    """An EBML variable-length integer: the count of leading zero bits gives its length."""
    if position >= end:
        raise NotWebm(f"the file ends inside an element header at byte {position}")
    first = data[position]
    length = 8 - first.bit_length() + 1
    if first == 0 or length > max_length or position + length > end:
        raise NotWebm(f"a malformed element header at byte {position}")
    value = int.from_bytes(data[position : position + length], "big")
    if keep_marker:
        return value, length
    value &= (1 << (7 * length)) - 1
    return (UNKNOWN if value == (1 << (7 * length)) - 1 else value), length


TIMECODE_SCALE, DURATION, TIMECODE = 0x2AD7B1, 0x4489, 0xE7
SIMPLE_BLOCK, BLOCK_GROUP, BLOCK = 0xA3, 0xA0, 0xA1


def duration_seconds(data: bytes) -> float | None:
    """The length: Info's Duration × TimecodeScale (ns); a browser's recorder writes no Duration,
    so then the last block's time (its Cluster's Timecode plus its own offset). None when neither
    says. Call it after check_webm."""
    _id, _body, end = _element(data, 0, len(data))
    _id, position, segment_end = _element(data, end, len(data))
    segment_end = len(data) if segment_end == UNKNOWN else segment_end
    scale, duration, last_block = 1_000_000, None, None
    while position < segment_end:
        element_id, body, element_end = _element(data, position, segment_end)
        if element_end == UNKNOWN:
            element_end = _cluster_end(data, body, segment_end)
        if element_id == INFO:
            for child, start, stop in _children(data, body, element_end):
                if child == TIMECODE_SCALE:
                    scale = int.from_bytes(data[start:stop], "big") or scale
                elif child == DURATION:
                    duration = _float(data[start:stop])
        elif element_id == CLUSTER:
            last_block = max(last_block or 0, _cluster_last_block(data, body, element_end))
        position = element_end
    ticks = duration if duration else last_block
    return ticks * scale / 1e9 if ticks else None


def _float(raw: bytes) -> float | None:
    if len(raw) not in (4, 8):
        return None
    (value,) = struct.unpack(">f" if len(raw) == 4 else ">d", raw)
    return value if value == value and value > 0 else None  # NaN and nonsense say nothing


def _cluster_last_block(data: bytes, start: int, end: int) -> int:
    """The Cluster's Timecode plus the largest offset of a block in it, in timecode units."""
    timecode, offset = 0, 0
    for element_id, body, element_end in _children(data, start, end):
        if element_id == TIMECODE:
            timecode = int.from_bytes(data[body:element_end], "big")
        elif element_id == SIMPLE_BLOCK:
            offset = max(offset, _block_offset(data, body, element_end))
        elif element_id == BLOCK_GROUP:
            for child, child_start, child_end in _children(data, body, element_end):
                if child == BLOCK:
                    offset = max(offset, _block_offset(data, child_start, child_end))
    return timecode + offset


def _block_offset(data: bytes, start: int, end: int) -> int:
    """A block's time relative to its Cluster: a signed 16-bit integer after the track number."""
    _track, length = _vint(data, start, end, max_length=8, keep_marker=False)
    if start + length + 2 > end:
        return 0
    return int.from_bytes(data[start + length : start + length + 2], "big", signed=True)
