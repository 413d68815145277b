"""The registry's pages: the list with filters and Russian search (works without JavaScript), the
map and its GeoJSON feed, an object's page, the exports, and the staff's edit of an object."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import ratelimit
from veche.core.exports import export_response
from veche.core.forms import service_errors
from veche.core.http import cacheable
from veche.core.pagecache import guest_page
from veche.core.ratelimit import Rate
from veche.events.selectors import last_event_id
from veche.media.responses import attachment
from veche.reports.subjects import subject_link
from veche.territory.maps import map_settings, parse_bbox, place_bounds
from veche.voting.selectors import staffed_points

from . import exports, figures, rules, selectors, services
from .forms import FacilityForm, FeedFilterForm, FilterForm, RatingForm
from .models import Facility, FacilityDocument, Status

PER_PAGE = 20
MAP_MAX_AGE = 60
EDITABLE = tuple(FacilityForm.base_fields)


def _filter_form(request: HttpRequest) -> FilterForm:
    return FilterForm(
        request.GET or None,
        categories=selectors.categories(),
        years=selectors.years(),
        municipalities=selectors.municipalities(),
    )


def _query(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


@require_GET
@guest_page(version=last_event_id)
def facility_list(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    found = selectors.facility_list(form.filters())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request)}
    return render(request, "infrastructure/list.html", context)


def map_labels() -> dict:
    return {
        "statuses": dict(Status.choices),
        "cluster": _("%(count)s objects here: zoom in"),
        "open": _("Open the object's page"),
        "shown": _("Shown on the map: %(count)s."),
        "truncated": _("Only %(limit)s objects are shown: zoom in or narrow the filters."),
        "failed": _("The objects could not be loaded. Use the list instead."),
    }


@require_GET
@guest_page(version=last_event_id)
def facility_map(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.filters()
    query = _query(request, "bbox", "zoom")
    context = {
        "form": form,
        "query": query,
        "geojson_url": reverse("infrastructure:map_geojson") + (f"?{query}" if query else ""),
        "bounds": place_bounds(filters.municipality),
        "map": map_settings(),
        "map_labels": map_labels(),
    }
    return render(request, "infrastructure/map.html", context)


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    """The objects (or, up to zoom 12, their clusters) in the bounding box as GeoJSON, filtered
    like the list."""
    try:
        bbox = parse_bbox(request.GET.get("bbox", ""))
        zoom = int(request.GET.get("zoom", ""))
        if not 0 <= zoom <= 22:
            raise ValueError
    except ValueError:
        message = _(
            "bbox must be min_lon,min_lat,max_lon,max_lat in degrees and zoom a whole number "
            "from 0 to 22."
        )
        return JsonResponse({"error": message}, status=400)
    filters = FeedFilterForm(request.GET).filters()
    features, truncated = selectors.map_features(bbox=bbox, zoom=zoom, filters=filters)
    base = reverse("infrastructure:detail", args=[0]).removesuffix("0/")
    for feature in features:
        if "id" in feature["properties"]:
            feature["properties"]["url"] = f"{base}{feature['properties']['id']}/"
    body = {"type": "FeatureCollection", "features": features, "truncated": truncated}
    encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return cacheable(request, encoded, "application/geo+json", MAP_MAX_AGE)


@require_GET
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        facility = selectors.facility_page(pk)
    except Facility.DoesNotExist:
        raise Http404 from None
    context = {
        "facility": facility,
        "crossed": selectors.crossed_municipalities(facility),
        "money": _money_chart(facility),
        "history": [_history_row(entry) for entry in facility.history.all()],
        "may_edit": request.user.has_perm("infrastructure.change_facility", facility),
        "reports": selectors.reports_about(facility),
        "report_link": subject_link(selectors.SUBJECT_KIND, facility.pk),
        "may_upload": request.user.has_perm("infrastructure.upload_files", facility),
        "ratings": figures.rating_summary(facility),
        "my_rating": selectors.rated_by(request.user, facility),
        "comments": selectors.published_ratings(facility),
        "rating_form": RatingForm(),
        "agency_on_time": _agency_on_time(facility),
        "vote_open": rules.vote_is_open(request.user, facility),  # may_vote implies it
        "may_vote": request.user.has_perm("infrastructure.vote_facility", facility),
        "voted": request.user.is_authenticated
        and facility.votes.filter(user=request.user).exists(),
        "may_withdraw_vote": request.user.has_perm("infrastructure.withdraw_vote", facility),
        "may_put_to_vote": request.user.has_perm("infrastructure.put_to_vote", facility),
        "vote_channels": selectors.vote_channels(facility) if facility.vote_opens else {},
        "enters_paper": request.user.is_authenticated
        and bool(facility.vote_opens)
        and staffed_points(request.user).exists(),
        "map": map_settings(),
        "geometry": facility.geometry,
    }
    return render(request, "infrastructure/detail.html", context)


def _agency_on_time(facility: Facility):
    """The responsible agency's share of objects on time (figures.on_time_shares), or None."""
    if facility.agency_id is None:
        return None
    rows = figures.on_time_shares(
        by="agency", facilities=Facility.objects.filter(agency_id=facility.agency_id)
    )
    return rows[0] if rows else None


def _money_chart(facility: Facility) -> dict:
    """Planned against spent as two bars (widths in %) and the payments by date, cumulative."""
    top = max(facility.budget_planned, facility.budget_spent) or 1
    running = 0
    payments = []
    for payment in facility.payments.all():
        running += payment.amount
        payments.append((payment.paid_on, payment.amount, running))
    return {
        "planned_width": round(float(facility.budget_planned / top) * 100, 1),
        "spent_width": round(float(facility.budget_spent / top) * 100, 1),
        "share": (
            round(float(facility.budget_spent / facility.budget_planned) * 100, 1)
            if facility.budget_planned
            else None
        ),
        "payments": payments,
    }


def _history_row(entry) -> dict:
    labels = {name: field.label for name, field in FacilityForm.base_fields.items()}
    shown = []
    for name, (old, new) in entry.changes.items():
        label = labels.get(name) or Facility._meta.get_field(name.removesuffix("_id")).verbose_name
        if name == "status":
            old, new = (Status(v).label if v in Status.values else v for v in (old, new))
        shown.append((label, old, new))
    return {"entry": entry, "changes": shown}


@require_GET
def document_download(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    document = get_object_or_404(FacilityDocument, pk=document_id, facility_id=pk)
    return attachment(document.file, filename=document.name, content_type=document.content_type)


@login_required
def facility_edit(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("infrastructure.change_facility", facility):
        raise PermissionDenied(
            _(
                "Only the administration of the object's municipality or the regional "
                "administration keeps this object."
            )
        )
    initial = {name: getattr(facility, name) for name in EDITABLE}
    form = FacilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            slot = ratelimit.reserve(
                "infrastructure-edit",
                str(request.user.pk),
                Rate.from_setting("RATE_LIMIT_INFRASTRUCTURE_EDIT"),
            )
        except ratelimit.Limited:
            form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))
        else:
            with service_errors(form, refusal_on_form=True):
                services.facility_update(user=request.user, facility=facility, **form.cleaned_data)
            if form.errors:
                ratelimit.release(slot)
            else:
                messages.success(request, _("The object is saved."))
                return redirect(facility)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "facility": facility}
    return render(request, "infrastructure/edit.html", context, status=status)


# --- Exports: the filtered registry, no personal data. ---


def _limited(request: HttpRequest) -> HttpResponse | None:
    try:
        ratelimit.reserve(
            "infrastructure-export",
            ratelimit.client_ip(request),
            Rate.from_setting("RATE_LIMIT_EXPORT"),
        )
    except ratelimit.Limited as limited:
        minutes = ratelimit.minutes_to_wait(limited.retry_after)
        message = _("Too many exports from your address. Try again in %(minutes)s min.") % {
            "minutes": minutes
        }
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(limited.retry_after)
        return response
    return None


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "geojson"):
        raise Http404
    if refusal := _limited(request):
        return refusal
    filters = FeedFilterForm(request.GET).filters()
    name = f"objects-{timezone.localdate():%Y-%m-%d}"
    if fmt == "geojson":
        response = StreamingHttpResponse(
            exports.geojson_chunks(filters), content_type="application/geo+json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.geojson"'
        return response
    return export_response(
        request,
        filename=name,
        columns=exports.columns(),
        rows=exports.rows(filters),
        fmt=fmt,
        sheet_title=_("Objects"),
    )
