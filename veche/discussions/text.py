"""The draft's text: Markdown and .docx in, sections out; passages found in a section; a readable
diff of a section between two versions.

Every section is kept as Markdown (what the organizer edits and the diff compares) and as HTML
rendered by markdown-it and cleaned by the one sanitizer (veche.core.sanitize)."""

import difflib
import html
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from veche.core.sanitize import sanitize_html

DOCX_MAX_BYTES = 10 * 1024 * 1024
# A zip bomb is refused before python-docx opens it: by the total it would unpack to and the
# number of its entries (a real draft of a few hundred pages stays far below both).
DOCX_MAX_UNPACKED = 100 * 1024 * 1024
DOCX_MAX_ENTRIES = 1000
MAX_SECTIONS = 200

_markdown = MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass(frozen=True)
class SectionText:
    heading: str
    text: str  # Markdown


def render(text: str) -> str:
    """Markdown (raw HTML allowed, then cleaned) as the HTML a page shows."""
    return sanitize_html(_markdown.render(text or ""))


def plain(html_text: str) -> str:
    """The words of the HTML with whitespace collapsed: what a passage is looked up in."""
    return " ".join(html.unescape(strip_tags(html_text)).split())


def normalized(passage: str) -> str:
    return " ".join((passage or "").split())


def passage_in(passage: str, html_text: str) -> bool:
    """Is the passage (whitespace aside, case kept) in the section's text?"""
    wanted = normalized(passage)
    return bool(wanted) and wanted in plain(html_text)


def highlight(html_text: str, passages: list[str]) -> SafeString:
    """The section's HTML with every quoted passage found inside one text run marked. A passage
    that spans markup (a bold word, two paragraphs) stays unmarked: it is quoted beside its
    comment anyway."""
    for passage in sorted({normalized(p) for p in passages if p}, key=len, reverse=True):
        escaped = html.escape(passage, quote=False)
        if escaped and escaped in html_text:
            html_text = html_text.replace(escaped, f"<mark>{escaped}</mark>", 1)
    return mark_safe(html_text)  # noqa: S308 — sanitized HTML, escaped passages


# --- Markdown with "## Heading" sections ------------------------------------------------------

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")


def split_markdown(source: str) -> list[SectionText]:
    """Headings (#, ## or ###) start sections; text before the first heading becomes a section
    called «Общие положения» of its own, and a text without headings is one section."""
    sections: list[SectionText] = []
    heading, lines = None, []

    def close() -> None:
        body = "\n".join(lines).strip()
        if heading is not None or body:
            sections.append(SectionText(heading or _("General provisions"), body))

    for line in (source or "").splitlines():
        match = _HEADING.match(line)
        if match:
            close()
            heading, lines = match.group(2).strip(), []
        else:
            lines.append(line)
    close()
    return sections


def has_headings(source: str) -> bool:
    return any(_HEADING.match(line) for line in (source or "").splitlines())


# --- .docx ------------------------------------------------------------------------------------


def docx_refusal_corrupt() -> str:
    return _("The file is not a readable .docx document: save it again in Word and retry.")


def check_docx_archive(data: bytes) -> None:
    """Refuse what is too big, not a zip, or a zip bomb — before python-docx unpacks anything."""
    if len(data) > DOCX_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_big")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(docx_refusal_corrupt(), code="corrupt") from error
    if len(entries) > DOCX_MAX_ENTRIES or sum(e.file_size for e in entries) > DOCX_MAX_UNPACKED:
        raise ValidationError(
            _("The file unpacks to far more than a document does: it is refused."),
            code="zip_bomb",
        )
    if "word/document.xml" not in {e.filename for e in entries}:
        raise ValidationError(docx_refusal_corrupt(), code="corrupt")


def docx_sections(data: bytes) -> tuple[list[SectionText], bool]:
    """The .docx's sections (its headings start them) and whether it had any heading; without
    headings the whole text is one section."""
    check_docx_archive(data)
    import docx  # python-docx: imported here, only the organizer's import needs it

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [
            (p.style.name if p.style is not None else "", p.text) for p in document.paragraphs
        ]
    except Exception as error:  # python-docx raises many kinds on a broken part
        raise ValidationError(docx_refusal_corrupt(), code="corrupt") from error
    lines: list[str] = []
    headed = False
    for style, text in paragraphs:
        text = text.strip()
        if not text:
            continue
        name = (style or "").lower()
        if name.startswith("heading") or name.startswith("заголовок") or name == "title":
            headed = True
            lines.append(f"## {' '.join(text.split())}")
        elif name.startswith("list"):
            lines.append(f"- {_escape_markdown(text)}")
        else:
            lines.extend(("", _escape_markdown(text), ""))
    return split_markdown("\n".join(lines)), headed


def _escape_markdown(text: str) -> str:
    """A Word paragraph is text, not Markdown: a leading "#", "-" or "1." stays literal."""
    return re.sub(r"^([#>\-+*]|\d+[.)])", r"\\\1", text)


# --- The diff between two versions of a section -----------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def diff_html(old: str, new: str) -> SafeString:
    """A word-by-word diff of two Markdown texts as HTML: removed words in <del>, added in <ins>,
    each announced by a visually hidden label, so the change does not rest on colour alone."""
    before, after = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    removed, added = html.escape(_("removed:")), html.escape(_("added:"))
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape("".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(
                f'<del><span class="visually-hidden">[{removed}</span>'
                f'{html.escape("".join(before[a1:a2]))}<span class="visually-hidden">]</span></del>'
            )
        if op in ("insert", "replace"):
            parts.append(
                f'<ins><span class="visually-hidden">[{added}</span>'
                f'{html.escape("".join(after[b1:b2]))}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(parts))  # noqa: S308 — every piece escaped above
