"""The final report as PDF (fpdf2), set in a TrueType font with Cyrillic (PDF_FONT_PATH, by
default Debian's DejaVu Sans from fonts-dejavu-core). A missing font is a clear error, never a
PDF of question marks."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from veche.core.pdf import font_path

from .models import Outcome
from .selectors import Report


def report_pdf(report: Report) -> bytes:
    from fpdf import FPDF  # imported here: only this download needs it

    draft = report.draft
    pdf = FPDF(format="A4")
    pdf.set_title(draft.title)
    pdf.add_font("body", "", font_path())
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: int = 10, gap: float = 2) -> None:
        pdf.set_font("body", size=size)
        pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(_("Final report of the public discussion"), 11)
    line(draft.title, 16, 4)
    published = draft.report_published_at
    if published:
        line(
            _("Published: %(date)s")
            % {"date": formats.date_format(timezone.localtime(published), "DATE_FORMAT")}
        )
    if draft.report_summary:
        line(draft.report_summary, 10, 4)
    labels = dict(Outcome.choices)
    line(
        _(
            "Participants: %(p)d. Comments: %(c)d. Ratings: %(r)d "
            "(support %(s)d, neutral %(n)d, oppose %(o)d)."
        )
        % {
            "p": report.participants,
            "c": report.comments,
            "r": report.ratings,
            "s": draft.support_count,
            "n": draft.neutral_count,
            "o": draft.oppose_count,
        }
    )
    line(
        "; ".join(f"{labels[o]}: {n}" for o, n in report.outcomes.items()),
        10,
        4,
    )
    for number, proposal in enumerate(report.proposals, start=1):
        section = proposal.section.heading if proposal.section else _("the draft as a whole")
        line(f"{number}. {section} — {proposal.comment.author.public_name}", 11, 1)
        if proposal.passage:
            line(_("Passage: «%(text)s»") % {"text": proposal.passage}, 9, 1)
        line(_("Proposed wording: %(text)s") % {"text": proposal.wording}, 10, 1)
        line(proposal.comment.text, 9, 1)
        answer = labels.get(proposal.outcome, _("not answered"))
        line(
            _("Answer: %(answer)s") % {"answer": answer}
            + (f". {proposal.reason}" if proposal.reason else ""),
            10,
            4,
        )
    return bytes(pdf.output())
