"""The commission's evaluation sheet: its snapshot (what the table says when it is generated) and
the PDF set from it (fpdf2, the Cyrillic font of PDF_FONT_PATH: veche.core.pdf). The PDF is made
once and stored; the experts sign those bytes."""

from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.formats import local_datetime
from veche.core.pdf import new_document

from .scoring import Table


def snapshot(table: Table, *, number: int) -> dict:
    def text(value) -> str | None:
        return None if value is None else str(value)

    return {
        "contest": {"id": table.contest.pk, "title": table.contest.title},
        "number": number,
        "criteria": [
            {
                "id": c.pk,
                "title": c.title,
                "max": str(c.max_score),
                "weight": str(c.weight),
                "source": c.source,
            }
            for c in table.criteria
        ],
        "members": [
            {"id": m.pk, "name": m.user.public_name, "role": m.role, "label": m.get_role_display()}
            for m in table.members
        ],
        "rows": [
            {
                "application": row.application.pk,
                "title": row.application.title,
                "rank": row.rank,
                "total": str(row.total),
                "scores": {str(k): text(v) for k, v in row.scores.items()},
                "by_member": {
                    str(member): {str(k): [str(v), comment] for k, (v, comment) in own.items()}
                    for member, own in row.by_member.items()
                },
                "jury": {str(k): str(v) for k, v in row.jury.items()},
                "conflicts": row.conflicts,
            }
            for row in table.rows
        ],
    }


def sheet_pdf(data: dict) -> bytes:
    title = _("Evaluation sheet No. %(number)s") % {"number": data["number"]}
    pdf = new_document(f"{title} — {data['contest']['title']}")
    pdf.add_page()
    width = pdf.epw

    def line(value: str, size: int = 10, gap: float = 1) -> None:
        pdf.set_font("body", size=size)
        pdf.multi_cell(width, size * 0.5, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(_("Expert commission of the contest"), 11)
    line(data["contest"]["title"], 15, 2)
    line(title, 12)
    line(_("Generated: %(date)s") % {"date": local_datetime(timezone.now())}, 9, 3)
    members = {m["id"]: m for m in data["members"]}
    line(_("Commission"), 12)
    for member in data["members"]:
        line(f"{member['name']} — {member['label']}", 10, 0)
    pdf.ln(3)
    line(_("Criteria"), 12)
    for number, criterion in enumerate(data["criteria"], start=1):
        line(
            _("%(n)s. %(title)s: up to %(max)s points, weight %(weight)s")
            % {"n": number, **criterion},
            10,
            0,
        )
    pdf.ln(3)
    line(_("Ranking"), 12)
    for row in data["rows"]:
        line(
            _("%(rank)s. %(title)s — weighted total %(total)s")
            % {"rank": row["rank"], "title": row["title"], "total": row["total"]},
            11,
            1,
        )
        for number, criterion in enumerate(data["criteria"], start=1):
            score = row["scores"].get(str(criterion["id"]))
            line(
                _("%(n)s. %(title)s: %(score)s of %(max)s")
                % {
                    "n": number,
                    "title": criterion["title"],
                    "score": score if score is not None else "—",
                    "max": criterion["max"],
                },
                9,
                0,
            )
            for member_id, own in row["by_member"].items():
                given = own.get(str(criterion["id"]))
                if given:
                    name = members.get(int(member_id), {}).get("name", "")
                    comment = f" — {given[1]}" if given[1] else ""
                    line(f"    {name}: {given[0]}{comment}", 8, 0)
        for member_id in row["conflicts"]:
            name = members.get(member_id, {}).get("name", "")
            line(_("    %(name)s declared a conflict of interest.") % {"name": name}, 8, 0)
        pdf.ln(2)
    line(_("Signatures: detached CMS signatures of this file, kept beside it on the portal."), 9)
    return bytes(pdf.output())
