"""A poll's results and ballots as CSV or XLSX (veche.core.exports: written whole to a temporary
file first, so a failure is an error, never a short file).

Results go to whoever may see them; ballots only to the poll's organizers — one row per answer,
with a per-poll pseudonym and the moment of voting in place of the voter (never a name, e-mail
or phone), the words of «other» beside its option."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core.exports import FORMATS, export_response
from veche.territory.models import Municipality

from .. import selectors
from .public import visible_poll


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


@require_GET
def results_export(request, pk: int, fmt: str):
    poll = visible_poll(request, pk)
    if not request.user.has_perm("polls.view_results", poll):
        raise PermissionDenied(_("The results of this poll are not shown yet."))
    rows = (
        (result.question.text, row.label, row.count, round(100 * row.share, 1), row.points or "")
        for result in selectors.results(poll)
        for row in result.rows
    )
    return export_response(
        request,
        filename=f"poll-{poll.pk}-results",
        columns=[_("Question"), _("Answer"), _("Answers"), _("Share, %"), _("Borda points")],
        rows=rows,
        fmt=_format(fmt),
        sheet_title=_("Results"),
    )


@require_GET
def ballots_export(request, pk: int, fmt: str):
    poll = visible_poll(request, pk)
    if not request.user.has_perm("polls.manage_poll", poll):
        raise PermissionDenied(_("Only the poll's organizers export its ballots."))
    names = dict(Municipality.objects.values_list("pk", "name"))
    channels = {"web": _("on the portal"), "paper": _("on paper")}
    rows = (
        (
            row["voter"],
            row["cast_at"],
            channels.get(row["channel"], row["channel"]),
            names.get(row["municipality_id"], ""),
            row["question"],
            row["option"],
            row["rank"] or "",
            row["text"],
        )
        for row in selectors.ballot_rows_for_export(poll)
    )
    columns = [
        _("Voter (pseudonym)"),
        _("Voted at"),
        _("Channel"),
        _("Municipality"),
        _("Question"),
        _("Answer"),
        _("Rank"),
        _("Words"),
    ]
    return export_response(
        request,
        filename=f"poll-{poll.pk}-ballots",
        columns=columns,
        rows=rows,
        fmt=_format(fmt),
        sheet_title=_("Ballots"),
    )
