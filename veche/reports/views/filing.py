"""Filing a report on the web. While the resident writes, open reports of the same topic within
250 m are listed (an HTMX partial); without JavaScript the same list comes as a step after the
first submit, where the resident supports one of them or confirms a new report."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core.forms import apply_service_errors, refusal_message
from veche.territory.maps import map_settings, place_bounds
from veche.territory.models import Region, Settlement
from veche.territory.selectors import gazetteer_search

from .. import services, subjects
from ..forms import CoordinateField, ReportForm, service_error_targets
from ..models import Channel, PendingPhoto, Report
from ..selectors import nearby_open, supported_by
from ..services.pending import (
    as_uploads,
    pending_photos,
    pending_photos_keep,
    pending_photos_remove,
)

NEARBY_SHOWN = 10


def nearby_reports(data: QueryDict) -> list[Report]:
    """Open reports of the topic near the point given in `data` (topic, lat/lon or settlement):
    the ones the resident may support instead. Empty when the topic or place is not known yet."""
    try:
        topic = int(data.get("topic", ""))
    except ValueError:
        return []
    point = _point(data)
    if point is None:
        return []
    reports = nearby_open(topic_id=topic, lat=point[0], lon=point[1])
    return list(
        reports.select_related("topic", "municipality").order_by("-support_count", "-pk")[
            :NEARBY_SHOWN
        ]
    )


def _point(data: QueryDict) -> tuple[float, float] | None:
    field = CoordinateField(required=False)
    try:
        lat, lon = field.clean(data.get("lat")), field.clean(data.get("lon"))
    except ValidationError:
        return None
    if lat is not None and lon is not None:
        return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
    settlement = data.get("settlement", "")
    if settlement.isdigit():
        found = Settlement.objects.filter(pk=settlement).values_list("centre_lat", "centre_lon")
        return found.first()
    return None


def _box(place) -> list[float] | None:
    if place is None or place.min_lat is None:
        return None
    return [place.min_lat, place.min_lon, place.max_lat, place.max_lon]


def _home_bounds(request: HttpRequest) -> list[float] | None:
    """The map starts over the resident's own settlement, else his municipality or the region."""
    settlement = request.user.settlement
    return _box(settlement) or place_bounds(settlement.municipality_id if settlement else None)


def _place_search(request: HttpRequest) -> dict:
    """The gazetteer search of the form: its query and matches (None before any search)."""
    query = request.GET.get("place", "").strip()[:100]
    return {"place_query": query, "places": gazetteer_search(query) if query else None}


def _nearby_context(request: HttpRequest, nearby: list[Report]) -> dict:
    return {"nearby": nearby, "nearby_supported": supported_by(request.user, nearby)}


@require_GET
def nearby(request: HttpRequest) -> HttpResponse:
    """The partial the filing form swaps in when the topic or the place changes."""
    context = {**_nearby_context(request, nearby_reports(request.GET)), "seen_input": True}
    return render(request, "reports/_nearby.html", context)


def _must_confirm(form: ReportForm, nearby: list[Report]) -> bool:
    """Similar reports exist and the resident has not seen them all yet, nor chosen to file."""
    if not nearby or form.cleaned_data.get("file_anyway"):
        return False
    seen = set(form.data.get("nearby_seen", "").split(","))
    return not {str(report.pk) for report in nearby} <= seen


def _submit(request: HttpRequest, form: ReportForm, kept: list[PendingPhoto]) -> Report | None:
    """Call the service with a valid form and the photos kept from an earlier attempt; its
    refusal goes onto the form. The report or None."""
    lat, lon = form.point()
    data = form.cleaned_data
    try:
        return services.report_submit(
            author=request.user,
            topic=data["topic"],
            text=data["text"],
            lat=lat,
            lon=lon,
            address=data.get("address", ""),
            attributes=form.attributes(),
            media=[*as_uploads(kept), *form.uploads()],
            channel=Channel.WEB,
            client_token=data.get("client_token") or None,
            subject=form.about(),
        )
    except PermissionDenied as error:
        form.add_error(None, refusal_message(error))
    except ValidationError as error:
        apply_service_errors(form, error, **service_error_targets(form, error))
    return None


def _kept_photos(request: HttpRequest, token: str) -> list[PendingPhoto]:
    """The photos kept from the form's earlier attempts, less those the resident removed."""
    removed = [int(pk) for pk in request.POST.getlist("remove_photo") if pk.isdigit()]
    if removed:
        pending_photos_remove(author=request.user, client_token=token, ids=removed)
    return pending_photos(author=request.user, client_token=token)


def _blank_form(request: HttpRequest) -> ReportForm:
    # One token per rendered form: a double submit or a retried POST files one report.
    initial = {"client_token": uuid.uuid4().hex, "settlement": request.user.settlement_id}
    about = subjects.parse(request.GET.get("subject", ""))
    if about is not None and subjects.describe(*about) is not None:
        initial["subject"] = f"{about[0]}:{about[1]}"
        where = subjects.place(*about)
        if where is not None:
            initial["lat"], initial["lon"], initial["address"] = where
    for name in ("topic", "lat", "lon", "address"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    return ReportForm(initial=initial)


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    """The search's matches as a partial, for the form's script (no JS: the form's own page)."""
    return render(request, "reports/_places.html", _place_search(request))


def new_report(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # A guest is told why he must log in, then sent to the form.
        return render(request, "reports/login_needed.html", {"next": request.get_full_path()})
    if not request.user.has_perm("reports.file_report"):
        return render(request, "reports/cannot_file.html", status=403)
    confirm_step, status, kept = False, 200, []
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        nearby = nearby_reports(request.POST)
        token = request.POST.get("client_token", "")[:64]
        kept = _kept_photos(request, token)
        if form.is_valid():
            confirm_step = _must_confirm(form, nearby)
            report = None if confirm_step else _submit(request, form, kept)
            if report is not None:
                pending_photos_remove(author=request.user, client_token=token)
                messages.success(
                    request,
                    _("Report № %(number)s is filed. A moderator will check it and publish it.")
                    % {"number": report.pk},
                )
                return redirect("reports:detail", pk=report.pk)
        # The form comes back: the photos chosen this time are kept for the next attempt.
        kept = pending_photos_keep(
            author=request.user, client_token=token, photos=request.FILES.getlist("photos")
        )
        status = 200 if confirm_step else 400
    else:
        form = _blank_form(request)
        nearby = []
    context = {
        "form": form,
        "confirm_step": confirm_step,
        "files_dropped": confirm_step and bool(request.FILES.getlist("video")),
        "pending": kept,
        "map": map_settings(),
        "bounds": _home_bounds(request),
        "region_bounds": _box(Region.objects.order_by("pk").first()),
        **_place_search(request),
        **_nearby_context(request, nearby),
    }
    return render(request, "reports/new.html", context, status=status)
