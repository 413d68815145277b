"""The catalogue's pages: the list with a parent's filters and the map (works without
JavaScript: the list is the map's alternative), a programme's page, the staff's import."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import ratelimit
from veche.core.forms import error_text
from veche.territory.maps import map_settings, place_bounds

from . import selectors, services
from .forms import FilterForm, ImportForm
from .models import Direction, Programme
from .throttle import import_slot

PER_PAGE = 20
MAX_IMPORT_BYTES = 10 * 1024 * 1024


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, municipalities=selectors.municipalities())
    filters = form.filters()
    found = selectors.programmes(**filters)
    if filters.get("near"):
        found = selectors.nearest(found, filters["near"])
    else:
        found = list(found)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "near": filters.get("near"),
        "points": selectors.map_points(found),
        "map": map_settings(),
        "bounds": place_bounds(filters.get("municipality")),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "activities/list.html", context, status=status)


@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = selectors.programme_detail(pk)
    except Programme.DoesNotExist:
        raise Http404 from None
    organization = programme.organization
    others = organization.programmes.exclude(pk=programme.pk).order_by("title")
    context = {
        "programme": programme,
        "organization": organization,
        "others": list(others),
        "map": map_settings(),
        "points": selectors.map_points([programme]),
    }
    return render(request, "activities/detail.html", context)


def catalogue_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("activities.import_catalogue"):
        raise PermissionDenied(services.NOT_KEEPER)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = refused = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                with import_slot(request.user):
                    result = services.catalogue_import(
                        user=request.user, data=upload.read(), filename=upload.name
                    )
            except ratelimit.Limited:
                form.add_error(None, _("Too many imports. Try again later."))
            except services.ImportRefused as error:
                refused = error.errors
            except PermissionDenied as error:
                form.add_error(None, error_text(error))
    if form.errors or refused:
        status = 400
    columns = [
        (aliases[0], aliases[1], code in services.REQUIRED)
        for code, aliases in services.COLUMNS.items()
    ]
    context = {
        "form": form,
        "result": result,
        "refused": refused,
        "columns": columns,
        "directions": Direction.choices,
    }
    return render(request, "activities/import.html", context, status=status)
