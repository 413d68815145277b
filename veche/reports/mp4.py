"""Blank the metadata boxes of an MP4/MOV video — where phones keep GPS (`udta/©xyz`, Apple's
`meta` location key) and camera details — without re-encoding.

Each such box is turned into a `free` box of the same size filled with zeros, so no byte of the
media moves and the sample offsets in `stco`/`co64` stay valid; players skip `free` boxes.
"""

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
