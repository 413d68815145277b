"""PDFs: refused when they carry active content (scripts, actions run on opening, launches,
embedded files, rich media, XFA forms), cut after their last `%%EOF` so nothing rides behind.

The document is parsed with pypdf and walked from its trailer, so names hidden in compressed
object streams or spelled with `#xx` escapes are seen; the raw bytes are also scanned, for objects
no reference reaches that a viewer repairing the file could still find.
"""

import io
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

ACTIVE_KEYS = {
    "/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles",
    "/RichMedia", "/XFA",
}  # fmt: skip
ACTIVE_NAMES = ACTIVE_KEYS | {"/FileAttachment", "/ImportData", "/SubmitForm", "/Sound", "/Movie"}
RAW_ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia|XFA)(?=[\s/<>\[\]()%{}]|$)"
)
MAX_OBJECTS = 200_000  # a walk longer than this is a PDF built to exhaust the server


class UnsafePdf(ValueError):
    """Active content, or a file that cannot be inspected; `code` tells which."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


def check_pdf(data: bytes) -> bytes:
    """The PDF's bytes up to its last %%EOF, or UnsafePdf (`active`, `encrypted`, `unreadable`)."""
    data = _cut_after_eof(data)
    if match := RAW_ACTIVE.search(data):
        raise UnsafePdf("active", match.group().decode("latin-1"))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsafePdf("encrypted")
        found = _active_name(reader.trailer)
    except UnsafePdf:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on hostile input
        raise UnsafePdf("unreadable", repr(error)) from error
    if found:
        raise UnsafePdf("active", found)
    return data


def _cut_after_eof(data: bytes) -> bytes:
    end = data.rfind(b"%%EOF")
    if end < 0:
        return data
    end += len(b"%%EOF")
    while end < len(data) and data[end : end + 1] in (b"\r", b"\n"):
        end += 1
    return data[:end]


def _active_name(root: DictionaryObject) -> str | None:
    """The first active key or action name reachable from the trailer, or None."""
    stack: list = [root]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise UnsafePdf("unreadable", "too many objects")
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    return str(key)
                if isinstance(value, NameObject) and value in ACTIVE_NAMES:
                    return str(value)
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None
