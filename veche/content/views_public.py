"""Public pages of the information side: news, pages, materials, the knowledge base and the
events calendar (with iCalendar). Every page works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text
from veche.core.pagecache import guest_page
from veche.events.selectors import last_event_id
from veche.media.responses import attachment
from veche.territory.maps import map_settings, place_bounds

from . import ical, selectors, services
from .forms import EventFilterForm, HelpfulForm, NewsFilterForm
from .models import Event, KbEntry, Material, MaterialFile, MaterialKind, News
from .throttle import react_slot

PER_PAGE = 12
WEEKDAYS = [
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
    pgettext_lazy("weekday", "Sun"),
]


@require_GET
@guest_page(version=last_event_id)
def news_list(request: HttpRequest) -> HttpResponse:
    form = NewsFilterForm(
        request.GET or None,
        themes=selectors.themes(),
        municipalities=selectors.municipalities(),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.news_list(
        theme=filters.get("theme"), municipality=filters.get("municipality")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "content/news_list.html", {"form": form, "page": page})


def _visible_or_keeper(request, model, pk):
    item = get_object_or_404(model.objects.select_related("municipality"), pk=pk)
    if not item.is_visible() and not request.user.has_perm("content.change_item", item):
        raise Http404
    return item


@require_GET
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_or_keeper(request, News, pk)
    more = selectors.news_list().exclude(pk=item.pk)[:3]
    return render(request, "content/news_detail.html", {"item": item, "more": more})


@require_GET
@guest_page(version=last_event_id)
def sections(request: HttpRequest) -> HttpResponse:
    return render(request, "content/sections.html", {"children": selectors.page_children(None)})


@require_GET
def page(request: HttpRequest, path: str) -> HttpResponse:
    item = selectors.page_by_path(path.strip("/"))
    if item is None:
        from .models import Page

        item = Page.objects.filter(path=path.strip("/")).first()
        if item is None or not request.user.has_perm("content.change_item", item):
            raise Http404
    context = {
        "item": item,
        "ancestors": selectors.page_ancestors(item),
        "children": selectors.page_children(item),
    }
    return render(request, "content/page.html", context)


@require_GET
@guest_page(version=last_event_id)
def material_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in {None, *MaterialKind.values}:
        kind = None
    context = {
        "kinds": MaterialKind.choices,
        "kind": kind,
        "items": selectors.materials(kind=kind),
    }
    return render(request, "content/material_list.html", context)


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_or_keeper(request, Material, pk)
    return render(request, "content/material_detail.html", {"item": item})


@require_GET
def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(MaterialFile.objects.select_related("material"), pk=pk)
    _visible_or_keeper(request, Material, document.material_id)
    return attachment(document.file, filename=document.name, content_type=document.content_type)


@require_GET
@guest_page(version=last_event_id)
def kb_index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/kb_index.html", {"categories": selectors.kb_categories()})


@require_GET
def kb_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _visible_or_keeper(request, KbEntry, pk)
    context = {
        "entry": entry,
        "related": selectors.kb_related(entry),
        "answered": selectors.kb_answered(
            entry.pk, user=request.user, session_key=request.session.session_key or ""
        ),
        "form": HelpfulForm(),
    }
    if request.user.has_perm("content.view_feedback"):
        context["counts"] = selectors.kb_feedback_counts([entry.pk]).get(entry.pk, (0, 0))
    return render(request, "content/kb_entry.html", context)


@require_POST
def kb_helpful(request: HttpRequest, pk: int) -> HttpResponse:
    form = HelpfulForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose «Yes» or «No»."))
        return redirect("content:kb_entry", pk)
    if not request.session.session_key:
        request.session.save()
    who = str(request.user.pk) if request.user.is_authenticated else request.session.session_key
    try:
        with react_slot(who):
            counted = services.kb_feedback(
                entry_id=pk,
                user=request.user,
                session_key=request.session.session_key,
                helpful=form.cleaned_data["helpful"],
            )
    except ratelimit.Limited:
        messages.error(request, _("Too many answers in a short time. Try again later."))
        return redirect("content:kb_entry", pk)
    except ValidationError as error:
        raise Http404(error_text(error)) from None
    if counted:
        messages.success(request, _("Thank you: your answer helps us improve the answers."))
    else:
        messages.info(request, _("You have already answered this question."))
    return redirect("content:kb_entry", pk)


# --- Events ------------------------------------------------------------------------------------


def _event_filters(request: HttpRequest):
    form = EventFilterForm(request.GET or None, municipalities=selectors.municipalities())
    if not form.is_bound:
        return form, selectors.EventFilters(), None
    if not form.is_valid():
        return form, None, None
    month = form.cleaned_data["month"]
    start, end = selectors.month_bounds(month.year, month.month) if month else (None, None)
    filters = selectors.EventFilters(
        municipality=form.cleaned_data["municipality"], start=start, end=end
    )
    return form, filters, month


@require_GET
@guest_page(version=last_event_id)
def event_list(request: HttpRequest) -> HttpResponse:
    form, filters, month = _event_filters(request)
    found = selectors.events(filters, upcoming_only=True) if filters else Event.objects.none()
    page = Paginator(found, PER_PAGE * 2).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request), "view": "list"}
    return render(request, "content/event_list.html", context, status=200 if filters else 400)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def event_month(request: HttpRequest) -> HttpResponse:
    form, filters, month = _event_filters(request)
    if filters is None:
        context = {"form": form, "weeks": [], "view": "month", "query": ""}
        return render(request, "content/event_month.html", context, status=400)
    month = month or timezone.localdate().replace(day=1)
    start, end = selectors.month_bounds(month.year, month.month)
    found = selectors.events(
        selectors.EventFilters(municipality=filters.municipality, start=start, end=end)
    )
    previous = (start.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    context = {
        "form": form,
        "month": month,
        "weeks": selectors.month_grid(month.year, month.month, found),
        "previous": previous,
        "next": end,
        "municipality": filters.municipality or "",
        "view": "month",
        "query": _query(request),
        "weekdays": WEEKDAYS,
    }
    return render(request, "content/event_month.html", context)


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _visible_or_keeper(request, Event, pk)
    context = {
        "event": event,
        "attending": event.pk in selectors.attending_ids(request.user, [event.pk]),
        "over": event.ends_at <= timezone.now(),
        "count": selectors.attendance_count(event),
    }
    return render(request, "content/event_detail.html", context)


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.visible().select_related("municipality"), pk=pk)
    return ical.response([event], filename=f"event-{event.pk}.ics")


@require_GET
def events_ics(request: HttpRequest) -> HttpResponse:
    """The filtered list as one calendar; filters that do not parse answer 400."""
    form, filters, _month = _event_filters(request)
    if filters is None:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    return ical.response(list(selectors.events(filters)[:1000]), filename="events.ics")


@require_POST
def event_attend(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("content:event", args=[pk]))
    leave = request.POST.get("leave") == "1"
    try:
        with react_slot(str(request.user.pk)):
            if leave:
                services.event_unattend(user=request.user, event_id=pk)
            else:
                services.event_attend(user=request.user, event_id=pk)
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        if leave:
            messages.success(request, _("Your mark is removed."))
        else:
            messages.success(request, _("Marked. We will remind you before the event."))
    return redirect("content:event", pk)


@require_GET
def open_government(request: HttpRequest) -> HttpResponse:
    rows = selectors.open_government()
    points = [
        {
            "name": row["municipality"].name,
            "lat": row["municipality"].centre_lat,
            "lon": row["municipality"].centre_lon,
            "since": date_format(row["member"].joined_on, "j E Y"),
        }
        for row in rows
        if row["member"]
    ]
    context = {
        "rows": rows,
        "members": sum(1 for row in rows if row["member"]),
        "points": points,
        "map": map_settings(),
        "bounds": place_bounds(None),
    }
    return render(request, "content/open_government.html", context)
