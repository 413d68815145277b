"""What everyone sees: the list with filters, search and sorts, the idea's page, the map and its
GeoJSON feed, the attached files. Each page reads with a constant number of queries."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import maps
from veche.core.http import cacheable
from veche.core.pagecache import guest_page
from veche.core.paging import CachedCountPaginator
from veche.events.selectors import last_event_id
from veche.media.responses import attachment, download_name
from veche.territory.maps import map_settings, parse_view, place_bounds

from .. import selectors
from ..forms import ACTION_FORMS, PUBLIC_STATUSES, FilterForm, IdeaFilters
from ..models import Idea, IdeaFile, Status
from ..transitions import TRANSITIONS, available_actions

PER_PAGE = 15
MAP_LIMIT = 5000
MAP_MAX_AGE = 60  # seconds browsers and proxies may keep a map's points


def filter_query(request: HttpRequest, *drop: str) -> str:
    """The request's query string without the page number (and `drop`), for links."""
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


def _chosen(filters: dict) -> int:
    return sum(1 for name, value in filters.items() if value and name != "order")


@require_GET
@guest_page(version=last_event_id)
def idea_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    filters = form.filters()
    ideas = selectors.with_first_photo(selectors.idea_list(**filters))
    page = CachedCountPaginator(ideas, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": filter_query(request),
        "active_filters": _chosen(filters),
    }
    template = "ideas/_results.html" if request.htmx else "ideas/list.html"
    return render(request, template, context)


def visible_idea(request: HttpRequest, pk: int) -> Idea:
    """The idea if the user may see it; 404 otherwise (an unpublished idea does not exist for
    anyone but its author and the staff concerned)."""
    try:
        idea = selectors.idea_detail(pk)
    except Idea.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("ideas.view_idea", idea):
        raise Http404
    return idea


def render_idea(
    request: HttpRequest, idea: Idea, *, failed=None, status: int = 200
) -> HttpResponse:
    """The idea's page; `failed` is the staff action's bound form that was refused."""
    actions = available_actions(request.user, idea)
    forms = []
    for action in TRANSITIONS:  # in the table's order
        if action not in actions:
            continue
        form = failed if failed is not None and failed.prefix_id == action else None
        if form is None:
            initial = {"headline": idea.title, "text": idea.text} if action == "edit" else None
            form = ACTION_FORMS[action](idea=idea, initial=initial)
        forms.append((form, reverse(f"ideas:{action}", args=[idea.pk])))
    context = {
        "idea": idea,
        "photos": idea.own_photos,
        "files": list(idea.files.all()),
        "updates": idea.updates,
        "timeline": selectors.timeline(idea),
        "supported": idea.pk in selectors.supported_by(request.user, [idea]),
        "actions": actions,
        "action_forms": forms,
        "failed": failed,
        "Status": Status,
        "map": map_settings(),
    }
    return render(request, "ideas/detail.html", context, status=status)


@require_GET
@guest_page(version=last_event_id)
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_idea(request, visible_idea(request, pk))


@require_GET
def idea_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """An attached document, to whoever may see the idea, always as a download."""
    idea = visible_idea(request, pk)
    document = get_object_or_404(IdeaFile, pk=file_pk, idea=idea)
    return attachment(
        document.file,
        filename=download_name(document.name, document.content_type),
        content_type=document.content_type,
    )


def map_labels() -> dict:
    """The words map.js shows, in the reader's language."""
    return {
        "statuses": dict(PUBLIC_STATUSES),
        "item": _("Idea № %(number)s"),
        "supports": _("Supports: %(count)s"),
        "open": _("Open the idea"),
        "truncated": _(
            "Only the %(limit)s most supported ideas are shown here: zoom in or narrow the "
            "filters to see the rest."
        ),
        "shown": _("Ideas on the map: %(count)s."),
        "cluster": _("Ideas here: %(count)s. Press to zoom in."),
        "failed": _("The ideas could not be loaded. Use the list instead."),
    }


def map_context(request: HttpRequest, filters: dict) -> dict:
    query = filter_query(request, "bbox")
    return {
        "geojson_url": reverse("ideas:map_geojson") + (f"?{query}" if query else ""),
        "bounds": place_bounds(filters["municipality"]),
        "map": map_settings(),
        "map_labels": map_labels(),
    }


@require_GET
@guest_page(version=last_event_id)
def idea_map(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    filters = form.filters()
    context = {
        "form": form,
        "query": filter_query(request, "bbox"),
        "active_filters": _chosen(filters),
        **map_context(request, filters),
    }
    return render(request, "ideas/map.html", context)


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    """Published ideas with a point in the bounding box as GeoJSON, filtered like the list. With
    `zoom` (what the portal's map sends), clustered on the server (core/maps.py): `cluster`
    features with their `count`, the ideas themselves when zoomed in. Without it, at most
    MAP_LIMIT points, the most supported first ("truncated" says so)."""
    try:
        bbox, zoom = parse_view(request.GET)
    except ValueError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return map_feed(request, bbox=bbox, filters=IdeaFilters(request.GET).filters(), zoom=zoom)


def map_feed(request: HttpRequest, *, bbox, filters: dict, zoom: int | None = None) -> HttpResponse:
    if zoom is None:
        rows, truncated = selectors.map_points(bbox=bbox, limit=MAP_LIMIT, **filters)
        cells = []
    else:
        view = selectors.map_view(bbox=bbox, zoom=zoom, **filters)
        rows, truncated, cells = view.points, False, view.cells
    base = reverse("ideas:detail", args=[0]).removesuffix("0/")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "id": pk,
                "status": status,
                "title": title,
                "support_count": supports,
                "url": f"{base}{pk}/",
            },
        }
        for pk, lat, lon, status, title, supports in rows
    ]
    features += [maps.cluster_feature(cell) for cell in cells]
    body = {"type": "FeatureCollection", "features": features, "truncated": truncated}
    encoded = json.dumps(body, ensure_ascii=False).encode()
    return cacheable(request, encoded, "application/geo+json", MAP_MAX_AGE)


@login_required
@require_GET
def my_ideas(request: HttpRequest) -> HttpResponse:
    """Every idea of the resident, published or not, with its status."""
    page = Paginator(selectors.my_ideas(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "ideas/mine.html", {"page": page})
