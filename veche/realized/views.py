"""The registry's pages: the public list (works without JavaScript), the map by settlements, a
project's page; the staff's project form, implementation steps, import and completeness."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.core.pagecache import guest_page
from veche.core.paging import CachedCountPaginator
from veche.events.selectors import last_event_id
from veche.territory.maps import map_settings, place_bounds
from veche.territory.models import Municipality

from . import rules, selectors, services
from .forms import (
    AbandonForm,
    CountForm,
    FilterForm,
    FinishForm,
    ImportForm,
    PhotosForm,
    ProgressForm,
    ProjectForm,
    RefundForm,
    StartForm,
)
from .models import SOURCE_LABELS, SOURCES, Direction, Project
from .services._common import NOT_KEEPER
from .services.importing import COLUMNS, REQUIRED
from .throttle import edit_slot, import_slot

PER_PAGE = 20
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _filtered(request: HttpRequest):
    form = FilterForm(
        request.GET or None, years=selectors.years(), municipalities=selectors.municipalities()
    )
    filters = form.filters()
    found = selectors.projects(**filters)
    query = request.GET.copy()
    query.pop("page", None)
    return form, filters, found, query.urlencode()


def _totals_context(found) -> dict:
    totals = selectors.totals(found)
    return {
        "totals": totals,
        "sources": [(SOURCE_LABELS[s], totals[s]) for s in SOURCES],
    }


@require_GET
@guest_page(version=last_event_id)
def project_list(request: HttpRequest) -> HttpResponse:
    form, filters, found, query = _filtered(request)
    page = CachedCountPaginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query, **_totals_context(found)}
    return render(request, "realized/list.html", context)


def map_labels() -> dict:
    return {
        "projects": _("Projects: %(count)s"),
        "money": _("Money: %(total)s ₽"),
        "open": _("Show these projects"),
        "shown": _("Places on the map: %(count)s."),
        "failed": _("The projects could not be loaded. Use the list instead."),
    }


@require_GET
@guest_page(version=last_event_id)
def project_map(request: HttpRequest) -> HttpResponse:
    form, filters, found, query = _filtered(request)
    context = {
        "form": form,
        "query": query,
        "points": selectors.by_settlement(found),
        "bounds": place_bounds(filters["municipality"]),
        "map": map_settings(),
        "map_labels": map_labels(),
        **_totals_context(found),
    }
    return render(request, "realized/map.html", context)


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    """The filtered projects by settlement as GeoJSON points, with their count and money."""
    _form, filters, found, query = _filtered(request)
    features = []
    for point in selectors.by_settlement(found):
        link = {
            "municipality": point["municipality_id"],
            "year": filters["year"],
            "direction": filters["direction"],
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(point["lon"], 6), round(point["lat"], 6)],
                },
                "properties": {
                    "name": point["name"],
                    "municipality": point["municipality"],
                    "count": point["count"],
                    "total": str(point["total"]),
                    "list": "?" + "&".join(f"{k}={v}" for k, v in link.items() if v),
                },
            }
        )
    return JsonResponse(
        {"type": "FeatureCollection", "features": features}, content_type="application/geo+json"
    )


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = selectors.project_page(pk)
    except Project.DoesNotExist:
        raise Http404 from None
    context = {
        "project": project,
        "photos": selectors.photos_by_stage(project),
        "may_change": request.user.has_perm("realized.change_project", project),
    }
    return render(request, "realized/detail.html", context)


# --- Staff ------------------------------------------------------------------------------------


def _kept(user):
    scope = rules.kept_municipalities(user)
    found = Municipality.objects.all()
    return found if scope is None else found.filter(pk__in=scope)


def _limited(form) -> None:
    form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("realized.import_projects"):
        raise PermissionDenied(_("Only municipal and regional administrators keep the registry."))
    form = ProjectForm(request.POST or None, municipalities=_kept(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                project = services.project_create(user=request.user, data=form.project_in())
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(request, _("The project is entered in the registry."))
            return redirect(project)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "realized/project_form.html", {"form": form}, status=status)


def _kept_project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("realized.change_project", project):
        raise PermissionDenied(str(NOT_KEEPER))
    return project


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _kept_project(request, pk)
    form = ProjectForm(
        request.POST or None,
        initial=ProjectForm.initial_of(project),
        municipalities=_kept(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.project_update(user=request.user, project=project, data=form.project_in())
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(request, _("The project is saved."))
            return redirect(project)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "project": project}
    return render(request, "realized/project_form.html", context, status=status)


@login_required
def project_manage(request: HttpRequest, pk: int) -> HttpResponse:
    project = _kept_project(request, pk)
    return render(request, "realized/manage.html", _manage_context(project))


def _manage_context(project, **forms) -> dict:
    return {
        "project": project,
        "progress_form": forms.get("progress") or ProgressForm(),
        "finish_form": forms.get("finish") or FinishForm(),
        "abandon_form": forms.get("abandon") or AbandonForm(),
        "refund_form": forms.get("refund") or RefundForm(),
        "photos_form": forms.get("photos") or PhotosForm(),
    }


def _action(form_class, name: str, done: str) -> Callable:
    """One view per step: parse the form, call one service, map its refusals in one place."""

    def decorate(call: Callable) -> Callable:
        @login_required
        @require_POST
        @wraps(call)
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            project = _kept_project(request, pk)
            form = form_class(request.POST, request.FILES)
            if form.is_valid():
                try:
                    with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                        call(request.user, project, form.cleaned_data)
                except ratelimit.Limited:
                    _limited(form)
                if not form.errors:
                    messages.success(request, str(done))
                    return redirect(project)
            context = _manage_context(project, **{name: form})
            return render(request, "realized/manage.html", context, status=400)

        return view

    return decorate


@_action(ProgressForm, "progress", _("The progress update is published."))
def project_progress(user, project, data):
    services.progress_add(
        user=user, project=project, text=data["text"], photos=data["photos"], stage=data["stage"]
    )


@_action(FinishForm, "finish", _("The project is marked implemented."))
def project_finish(user, project, data):
    services.implementation_finish(
        user=user,
        project=project,
        text=data["text"],
        photos=data["photos"],
        left_residents=data["left_residents"],
        left_sponsors=data["left_sponsors"],
    )


@_action(AbandonForm, "abandon", _("The project is marked not carried out."))
def project_abandon(user, project, data):
    services.implementation_abandon(user=user, project=project, reason=data["reason"])


@_action(RefundForm, "refund", _("The money due back is recorded."))
def project_refund(user, project, data):
    services.refund_record(
        user=user,
        project=project,
        residents=data["residents"],
        sponsors=data["sponsors"],
        note=data["note"],
    )


@_action(PhotosForm, "photos", _("The photos are added."))
def project_photos(user, project, data):
    services.photos_add(user=user, project=project, stage=data["stage"], photos=data["photos"])


@login_required
def project_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("realized.import_projects"):
        raise PermissionDenied(_("Only municipal and regional administrators keep the registry."))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = refused = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 20 MB."))
        else:
            try:
                with import_slot(request.user):
                    result = services.projects_import(
                        user=request.user, data=upload.read(), filename=upload.name
                    )
            except ratelimit.Limited:
                _limited(form)
            except services.ImportRefused as error:
                refused = error.errors
            except (PermissionDenied, ValidationError) as error:
                form.add_error(None, error_text(error))
    columns = [(aliases[0], aliases[1], code in REQUIRED) for code, aliases in COLUMNS.items()]
    context = {
        "form": form,
        "result": result,
        "refused": refused,
        "columns": columns,
        "directions": Direction.choices,
    }
    status = 400 if (form.is_bound and form.errors) or refused else 200
    return render(request, "realized/import.html", context, status=status)


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("realized.view_completeness"):
        raise PermissionDenied(_("Only municipal and regional administrators keep the registry."))
    kept = _kept(request.user)
    form = CountForm(request.POST or None, municipalities=kept)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.realized_count_set(user=request.user, **form.cleaned_data)
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(request, _("The figure is saved."))
            return redirect("realized:completeness")
    rows = selectors.completeness(scope=rules.kept_municipalities(request.user))
    context = {"form": form, "rows": rows, "total": selectors.completeness_total(rows)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "realized/completeness.html", context, status=status)


@login_required
def winners(request: HttpRequest) -> HttpResponse:
    """The contests' winners waiting to be entered: each starts its implementation here."""
    if not request.user.has_perm("realized.import_projects"):
        raise PermissionDenied(_("Only municipal and regional administrators keep the registry."))
    waiting = selectors.winners_waiting(scope=rules.kept_municipalities(request.user))
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = waiting.filter(pk=form.cleaned_data["application"]).first()
        if application is None:
            raise Http404
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                project = services.implementation_start(
                    user=request.user,
                    application=application,
                    direction=form.cleaned_data["direction"],
                )
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            messages.success(request, _("The project is in implementation."))
            return redirect("realized:detail", pk=project.pk)
    context = {"waiting": list(waiting), "form": form, "directions": Direction.choices}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "realized/winners.html", context, status=status)
