"""What everyone sees: the list with filters and search, a report's page, the map and its GeoJSON
feed. Each page reads with a constant number of queries, whatever the number of reports."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import maps
from veche.core.http import cacheable
from veche.core.pagecache import guest_page
from veche.core.paging import CachedCountPaginator
from veche.events.selectors import last_event_id
from veche.media.responses import attachment, download_name
from veche.territory.maps import map_settings, parse_view, place_bounds

from .. import selectors, subjects
from ..engagement_forms import PressLinkForm
from ..forms import PUBLIC_STATUSES, FilterForm, ReportFilters, ReviewForm
from ..models import Answer, AnswerFile, Report, ReportMedia, Status, Topic
from ..workspace_selectors import attribute_answers

PER_PAGE = 20
# Rows in a CSV/XLSX export of the list (views/export.py); the list page warns past it.
EXPORT_LIMIT = 5000
MAP_LIMIT = 5000
# Browsers and proxies may keep a map tile's points this long (seconds).
MAP_MAX_AGE = 60


def _filter_query(request: HttpRequest, *drop: str) -> str:
    """The request's query string without `drop` (e.g. the page number), for links."""
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


def active_filters(form: ReportFilters) -> int:
    """How many filters the visitor chose (the folded filters' summary says so)."""
    filters = form.filters()
    return sum(1 for name, value in filters.items() if value and name != "order")


@require_GET
@guest_page(version=last_event_id)
def report_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    filters = form.filters()
    reports = selectors.with_first_photo(selectors.report_list(**filters))
    page = CachedCountPaginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    query = _filter_query(request)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "active_filters": active_filters(form),
        "export_limit": EXPORT_LIMIT,
        "now": timezone.now(),
    }
    if request.htmx:
        return render(request, "reports/_results.html", context)
    context |= map_context(request, filters)
    return render(request, "reports/list.html", context)


def visible_report(request: HttpRequest, pk: int) -> Report:
    """The report if the user may see it; 404 otherwise (an unpublished report does not exist
    for anyone but its author and the staff concerned)."""
    try:
        report = selectors.report_detail(pk)
    except Report.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("reports.view_report", report):
        raise Http404
    return report


def render_report(
    request: HttpRequest,
    report: Report,
    *,
    review_form: ReviewForm | None = None,
    press_form: PressLinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report's page; `review_form` / `press_form` are the bound forms that were refused."""
    internal = request.user.has_perm("reports.view_internal", report)
    media = list(report.media.all())
    answers = list(report.answers.all())
    context = {
        "subject_about": subjects.describe(report.subject_kind, report.subject_id),
        "report": report,
        "photos": [m for m in media if m.kind == ReportMedia.Kind.PHOTO],
        "videos": [m for m in media if m.kind == ReportMedia.Kind.VIDEO],
        "answers": answers,
        "last_answer": answers[-1] if answers else None,
        "timeline": (selectors.staff_timeline if internal else selectors.public_timeline)(report),
        "overdue": selectors.is_overdue(report),
        "supported": report.pk in selectors.supported_by(request.user, [report]),
        "following": selectors.follows(request.user, report),
        "press_links": list(report.press_links.all()),
        "press_form": press_form or PressLinkForm(),
        "attribute_answers": attribute_answers(report),
        "review_form": review_form or ReviewForm(),
        "Status": Status,
        "scheduled": Answer.Kind.SCHEDULED,
        "map": map_settings(),
    }
    return render(request, "reports/detail.html", context, status=status)


@require_GET
@guest_page(version=last_event_id)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_report(request, visible_report(request, pk))


@require_GET
def answer_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """An answer's attachment, to whoever may see the report, always as a download."""
    report = visible_report(request, pk)
    document = get_object_or_404(AnswerFile, pk=file_pk, answer__report=report)
    return attachment(
        document.file,
        filename=download_name(document.name, document.content_type),
        content_type=document.content_type,
    )


def map_labels() -> dict:
    """The words map.js shows, in the reader's language."""
    return {
        "statuses": dict(PUBLIC_STATUSES),
        "report": _("Report № %(number)s"),
        "supports": _("Supports: %(count)s"),
        "open": _("Open the report"),
        "truncated": _(
            "Only the %(limit)s most supported reports are shown here: zoom in or narrow "
            "the filters to see the rest."
        ),
        "shown": _("Reports on the map: %(count)s."),
        "cluster": _("Reports here: %(count)s. Press to zoom in."),
        "failed": _("The reports could not be loaded. Use the list instead."),
    }


def map_context(request: HttpRequest, filters: dict) -> dict:
    """What the map of reports needs: its feed with the page's filters, bounds and labels."""
    query = _filter_query(request, "bbox")
    return {
        "geojson_url": reverse("reports:map_geojson") + (f"?{query}" if query else ""),
        "bounds": place_bounds(filters["municipality"]),
        "map": map_settings(),
        "map_labels": map_labels(),
    }


@require_GET
@guest_page(version=last_event_id)
def report_map(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    context = {
        "form": form,
        "query": _filter_query(request, "bbox"),
        "active_filters": active_filters(form),
        **map_context(request, form.filters()),
    }
    return render(request, "reports/map.html", context)


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    """Published reports in the bounding box as a GeoJSON FeatureCollection, filtered like the
    list. With `zoom` (what the portal's map sends), clustered on the server (core/maps.py):
    `cluster` features with their `count` where many are in view, the reports themselves when
    zoomed in. Without it, the points: at most MAP_LIMIT, the most supported first ("truncated"
    says so)."""
    try:
        bbox, zoom = parse_view(request.GET)
    except ValueError as error:
        return JsonResponse({"error": str(error)}, status=400)
    filters = ReportFilters(request.GET).filters()
    return map_feed(request, bbox=bbox, filters=filters, zoom=zoom)


def map_feed(request: HttpRequest, *, bbox, filters: dict, zoom: int | None = None) -> HttpResponse:
    """The feed for parsed input; /api/v1/reports/map.geojson answers with it too."""
    if zoom is None:
        rows, truncated = selectors.map_points(bbox=bbox, limit=MAP_LIMIT, **filters)
        body = _feature_collection(rows, truncated)
    else:
        view = selectors.map_view(bbox=bbox, zoom=zoom, **filters)
        body = _feature_collection(view.points, False, view.cells)
    return cacheable(request, body, "application/geo+json", MAP_MAX_AGE)


# One feature as JSON text. Filling a template is several times faster than building dicts for
# json.dumps, and every value in it is a number, a status code or a JSON-encoded string.
FEATURE = (
    '{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},'
    '"properties":{"id":%d,"status":"%s","topic":%s,"support_count":%d,"url":"%s%d/"}}'
)


def _feature_collection(rows: list[tuple], truncated: bool, cells: list = ()) -> bytes:
    topics = {
        pk: json.dumps(name, ensure_ascii=False)
        for pk, name in Topic.objects.order_by().values_list("pk", "name")
    }
    base = reverse("reports:detail", args=[0]).removesuffix("0/")
    features = [
        FEATURE % (lon, lat, pk, status, topics.get(topic_id, '""'), supports, base, pk)
        for pk, lat, lon, status, topic_id, supports in rows
    ]
    features += [maps.cluster_json(cell) for cell in cells]
    flag = "true" if truncated else "false"
    body = ",".join(features)
    return f'{{"type":"FeatureCollection","features":[{body}],"truncated":{flag}}}'.encode()


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    """Every report of the resident, published or not, with its status."""
    reports = selectors.my_reports(request.user).select_related("municipality", "rejection_reason")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/mine.html", {"page": page, "query": ""})
