"""The workspace's pages: the start page, the moderators' queue, the agency's inbox with its bulk
"take into work", and a report's staff page. Each asks a named rule before reading anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from veche.core.forms import error_text
from veche.core.http import safe_next

from .. import services, workspace_figures, workspace_selectors
from ..models import Report, Status
from .common import render_report, staff_report

PER_PAGE = 50
TAB_LABELS = {
    workspace_selectors.AWAITING: gettext_lazy("awaiting an answer"),
    workspace_selectors.OVERDUE: pgettext_lazy("report flag", "overdue"),
    workspace_selectors.ALL: pgettext_lazy("reports", "all"),
}


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.view_workspace"):
        raise PermissionDenied(
            _("The reports workspace is for moderators, officials and operators.")
        )
    return render(request, "reports/workspace/index.html", cards_context(request.user))


def cards_context(user) -> dict:
    """The counts on the workspace's cards, read only for the cards this user sees."""
    context: dict = {"Status": Status}
    if user.has_perm("reports.view_moderation_queue"):
        context["queue_counts"] = workspace_figures.queue_counts(user)
    if user.has_perm("reports.view_inbox"):
        context["inbox_counts"] = workspace_selectors.inbox_counts(user)
        context["agency_counts"] = workspace_figures.inbox_agency_counts(user)
    if user.has_perm("reports.view_territory_reports"):
        context["figures"] = workspace_figures.territory_figures(user)
    return context


def dashboard_section(user) -> dict | None:
    """The reports' section of the staff dashboard (registered in apps.py)."""
    if not user.has_perm("reports.view_workspace"):
        return None
    return {**cards_context(user), "user": user}


@require_GET
@login_required
def territory(request: HttpRequest) -> HttpResponse:
    """The reports of the admin's (or head's) municipalities, with their figures; read only."""
    if not request.user.has_perm("reports.view_territory_reports"):
        raise PermissionDenied(_("The reports of a municipality are for its admins and heads."))
    reports = workspace_figures.territory_reports(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        reports = reports.filter(status=status)
    else:
        status = ""
    context = {
        "page": _page(request, reports),
        "status": status,
        "figures": workspace_figures.territory_figures(request.user),
        "Status": Status,
        "statuses": Status.choices,
    }
    return render(request, "reports/workspace/territory.html", context)


@require_GET
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.view_moderation_queue"):
        raise PermissionDenied(_("The moderation queue is for moderators."))
    context = {
        "page": _page(request, workspace_selectors.moderation_queue(request.user)),
        "reassignments": workspace_selectors.reassignment_requests(request.user)[:PER_PAGE],
        "Status": Status,
    }
    return render(request, "reports/workspace/queue.html", context)


def _tabs(counts: dict[str, int], current: str) -> list[dict]:
    labels = {**{str(s): s.label for s in workspace_selectors.INBOX_STATUSES}, **TAB_LABELS}
    return [
        {"key": key, "label": labels[key], "count": counts[key], "current": key == current}
        for key in workspace_selectors.INBOX_TABS
    ]


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.view_inbox"):
        raise PermissionDenied(_("The inbox is for officials of an agency."))
    tab = request.GET.get("tab", workspace_selectors.AWAITING)
    if tab not in workspace_selectors.INBOX_TABS:
        tab = workspace_selectors.AWAITING
    counts = workspace_selectors.inbox_counts(request.user)
    context = {
        "page": _page(request, workspace_selectors.inbox(request.user, tab=tab)),
        "tab": tab,
        "tabs": _tabs(counts, tab),
        "counts": counts,
        "agency_counts": workspace_figures.inbox_agency_counts(request.user),
        "Status": Status,
    }
    return render(request, "reports/workspace/inbox.html", context)


def _selected(request: HttpRequest) -> list[int]:
    numbers = []
    for value in request.POST.getlist("report"):
        try:
            numbers.append(int(value))
        except ValueError:
            continue
    return sorted(set(numbers))


def _back_to_inbox(request: HttpRequest) -> HttpResponse:
    return redirect(safe_next(request, "reports_workspace:inbox"))


@require_POST
@login_required
def take_bulk(request: HttpRequest) -> HttpResponse:
    """Take the chosen reports into work: all of them, or none if one is refused."""
    if not request.user.has_perm("reports.view_inbox"):
        raise PermissionDenied(_("The inbox is for officials of an agency."))
    numbers = _selected(request)
    reports = list(Report.objects.filter(pk__in=numbers).order_by("pk"))
    if not numbers or len(reports) != len(numbers):
        messages.error(request, _("Choose the reports to take into work."))
        return _back_to_inbox(request)
    try:
        services.reports_take_into_work(official=request.user, reports=reports)
    except (PermissionDenied, ValidationError) as error:
        messages.error(
            request,
            _("No report was taken into work: %(reason)s Check the chosen reports.")
            % {"reason": error_text(error)},
        )
        return _back_to_inbox(request)
    messages.success(
        request,
        ngettext(
            "%(count)d report is taken into work.",
            "%(count)d reports are taken into work.",
            len(reports),
        )
        % {"count": len(reports)},
    )
    return _back_to_inbox(request)


@require_GET
@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return render_report(request, staff_report(request, pk))
