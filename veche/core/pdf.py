"""PDF documents (fpdf2) set in a TrueType font with Cyrillic: PDF_FONT_PATH, by default Debian's
DejaVu Sans from fonts-dejavu-core. A missing font is a clear error, never a PDF of question
marks. Used by the discussions' final report and budgeting's evaluation sheet."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def font_path() -> str:
    path = getattr(settings, "PDF_FONT_PATH", "")
    if not path or not Path(path).is_file():
        raise ImproperlyConfigured(
            f"PDF_FONT_PATH={path!r} is not a font file: install fonts-dejavu-core or point "
            "PDF_FONT_PATH at a TrueType font with Cyrillic."
        )
    return path


def new_document(title: str, *, landscape: bool = False):
    """An A4 page set in the font `body`, breaking pages automatically."""
    from fpdf import FPDF  # imported here: only the downloads need it

    pdf = FPDF(orientation="L" if landscape else "P", format="A4")
    pdf.set_title(title)
    pdf.add_font("body", "", font_path())
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf
