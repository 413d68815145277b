"""Dashboards (public and private) and the public ratings: thin views over the aggregates.

Every table on a page is also a download: the same view answers `?download=<table>&format=csv`
(or xlsx) with that table's rows through `core.exports.export_response`.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from veche.agencies.models import Agency
from veche.core.exports import export_response
from veche.polls.selectors import satisfaction_figures
from veche.reports.selectors import catalogue_names
from veche.territory.maps import map_settings, place_bounds
from veche.territory.models import Municipality

from . import definitions as d
from . import heatmap, rules, selectors
from .forms import PeriodForm
from .selectors import Scope

STATUS_NAMES = {
    "submitted": gettext_lazy("awaiting moderation"),
    "rejected": gettext_lazy("rejected"),
    "routed": gettext_lazy("sent to the agency"),
    "declined": gettext_lazy("being re-routed"),
    "in_progress": gettext_lazy("in progress"),
    "answered": gettext_lazy("answered"),
    "closed": gettext_lazy("closed"),
    "duplicate": gettext_lazy("duplicate"),
    "idea": gettext_lazy("turned into an idea"),
}


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _mean(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _summary(figures: selectors.Figures) -> list[tuple[str, object, str]]:
    """(figure, value, its definition): what the page states and the summary download gives."""
    good, mean = figures.satisfaction
    return [
        (_("Reports filed"), figures.counts["filed"], _("every report filed in the period")),
        (
            _("Accepted reports"),
            figures.counts["accepted"],
            _("published and routed to an agency: not rejected and not duplicates"),
        ),
        (
            _("Share resolved, %"),
            _percent(figures.share("resolved")),
            _("accepted reports whose final answer is «resolved»"),
        ),
        (
            _("Share confirmed by the authors, %"),
            _percent(figures.share("confirmed")),
            _("accepted reports resolved and confirmed by their authors"),
        ),
        (
            _("Share overdue, %"),
            _percent(figures.share("overdue")),
            _("accepted reports answered after the deadline or unanswered past it"),
        ),
        (
            _("Answered on time, %"),
            _percent(figures.share("timely", "due")),
            _("answered by the deadline, of the accepted reports answered or past their deadline"),
        ),
        (
            _("Median days to the first answer"),
            d.median_of(figures.first_days),
            _("working days from routing to the first answer (production calendar)"),
        ),
        (
            _("Mean days to the first answer"),
            _round(d.mean_of(figures.first_days)),
            _("working days from routing to the first answer (production calendar)"),
        ),
        (
            _("Median days to the final answer"),
            d.median_of(figures.final_days),
            _("working days from routing to the final answer"),
        ),
        (
            _("Mean days to the final answer"),
            _round(d.mean_of(figures.final_days)),
            _("working days from routing to the final answer"),
        ),
        (
            _("Satisfaction, %"),
            _percent(good),
            _("share of the authors' ratings of the answers that are 4 or 5"),
        ),
        (_("Mean rating"), _round(mean), _("the authors' ratings of the answers, 1 to 5")),
    ]


def _tables(scope: Scope, first: date, last: date) -> dict[str, dict]:
    """Every table of a dashboard: caption, column headings and rows (the chart reads them too)."""
    figures = selectors.figures(scope, first, last)
    # The map's call exactly (same cache key): the period's hexagons are summed once a page.
    cells = selectors.cells(scope, first, last, limit=heatmap.MAP_LIMIT)
    top = d.top_topics(figures.by_topic, limit=10)
    topic_names, category_names = catalogue_names(
        topic_ids=[t for t, _n, _s in top], category_ids=list(figures.by_category)
    )
    tables = {
        "summary": {
            "caption": _("The period's figures"),
            "columns": [_("Figure"), _("Value"), _("Definition")],
            "rows": _summary(figures),
        },
        "topics": {
            "caption": _("Top topics: share of accepted reports"),
            "columns": [_("Topic"), _("Accepted reports"), _("Share, %")],
            "rows": [(topic_names.get(t, "—"), n, round(s * 100, 1)) for t, n, s in top],
        },
        "categories": {
            "caption": _("Accepted reports by category"),
            "columns": [_("Category"), _("Accepted reports")],
            "rows": [(category_names.get(c, "—"), n) for c, n in figures.by_category.most_common()],
        },
        "statuses": {
            "caption": _("Reports filed by status"),
            "columns": [_("Status"), _("Reports")],
            "rows": [(STATUS_NAMES.get(s, s), n) for s, n in figures.statuses.most_common()],
        },
        "weeks": {
            "caption": _("Reports filed by week"),
            "columns": [_("Week from"), _("Reports")],
            "rows": d.trend(figures.by_day),
        },
        "months": {
            "caption": _("Reports filed by month"),
            "columns": [_("Month"), _("Reports")],
            "rows": d.trend(figures.by_day, key=d.month_of),
        },
        "cells": {
            "caption": _("Where reports were filed: the 50 busiest hexagons of about 36 km²"),
            "columns": [_("Cell centre, latitude"), _("Cell centre, longitude"), _("Reports")],
            "rows": [(round(lat, 3), round(lon, 3), n) for _c, lat, lon, n in cells[:50]],
        },
        "votes": {
            "caption": _("Votes in every module (sum of the counters)"),
            "columns": [_("Module"), _("Votes")],
            "rows": _votes(scope),
        },
        "surveys": {
            "caption": _("Satisfaction surveys: satisfaction and loyalty"),
            "columns": [_("Survey"), _("Measure"), _("Answers"), _("Positive, %")],
            "rows": [
                (
                    f.poll_title,
                    _("loyalty") if f.measure == "loyalty" else _("satisfaction"),
                    f.answers,
                    _percent(f.share) if f.answers else None,
                )
                for f in satisfaction_figures(municipality_id=scope.municipality_id)
            ],  # fmt: skip
        },
    }
    if not scope.agency_id:  # the NGO sector is a territory's, not an agency's
        ngos = selectors.ngo_cells(scope, last)
        tables["ngos"] = {
            "caption": _("NGOs in the registry per hexagon of about 36 km²"),
            "columns": [_("Cell centre, latitude"), _("Cell centre, longitude"), _("NGOs")],
            "rows": [(round(lat, 3), round(lon, 3), n) for _c, lat, lon, n in ngos],
        }
    by_day = selectors.visitors_by_day(first, last)
    tables["visitors"] = {
        "caption": _("Unique visitors by month (sum of the daily counts)"),
        "columns": [_("Month"), _("Visitors")],
        "rows": d.trend(by_day, key=d.month_of),
    }
    tables["participation"] = {
        "caption": _("Participation: people active per day, summed"),
        "columns": [
            _("Activity"),
            _("People in the period"),
            _("Times in the period"),
            _("Last 7 days"),
            _("The 7 days before"),
            _("Change, %"),
            _("Share of the population, %"),
        ],  # fmt: skip
        "rows": _participation(scope, first, last),
    }
    return tables


def _votes(scope: Scope) -> list[tuple]:
    votes = selectors.votes(scope)
    names = {
        "ideas": _("Supports of ideas"),
        "polls": _("Poll ballots"),
        "discussions": _("Ratings of drafts under discussion"),
        "contests": _("Votes in initiative-budgeting contests"),
        "objects": _("Votes on infrastructure objects"),
    }
    rows = [(names[k], v) for k, v in votes.items()]
    return [*rows, (_("Total"), d.votes_total(votes))]


PARTICIPATION = {
    "filed": gettext_lazy("filed a report"),
    "supported": gettext_lazy("supported a report"),
    "idea_supported": gettext_lazy("supported an idea"),
    "poll_voted": gettext_lazy("voted in a poll"),
    "contest_voted": gettext_lazy("voted in an initiative-budgeting contest"),
    "commented": gettext_lazy("commented"),
}


def _participation(scope: Scope, first: date, last: date) -> list[tuple]:
    """Per kind: people and times in the period, people in the last 7 days against the 7
    before (change) and as a share of the territory's population."""
    (l1, l2), (b1, b2) = d.last_two_weeks(timezone.localdate())
    period = selectors.participation(scope, first, last)
    week = selectors.participation(scope, l1, l2)
    before = selectors.participation(scope, b1, b2)
    population = _population(scope)
    rows = []
    for kind, name in PARTICIPATION.items():
        people, times = period.get(kind, (0, 0))
        now, then = week.get(kind, (0, 0))[0], before.get(kind, (0, 0))[0]
        rows.append(
            (name, people, times, now, then, _percent(d.change(now, then)),
             _percent(d.share(now, population)))
        )  # fmt: skip
    return rows


def _population(scope: Scope) -> int:
    municipalities = Municipality.objects.all()
    if scope.municipality_id:
        municipalities = municipalities.filter(pk=scope.municipality_id)
    return sum(p or 0 for p in municipalities.values_list("population", flat=True))


def _download(request: HttpRequest, tables: dict, name: str) -> HttpResponse:
    table = tables.get(request.GET.get("download", ""))
    fmt = request.GET.get("format", "csv")
    if table is None or fmt not in ("csv", "xlsx"):
        raise Http404
    return export_response(
        request, filename=f"veche-{name}-{request.GET['download']}", columns=table["columns"],
        rows=table["rows"], fmt=fmt, sheet_title=str(table["caption"])[:31],
    )  # fmt: skip


def _render(request, *, title, scope, name, private, municipalities=None, extra=None):
    form = PeriodForm(
        request.GET or None, data_start=selectors.first_data_day(), municipalities=municipalities
    )
    first, last = form.period()
    if form.municipality_id():
        scope = Scope(municipality_id=form.municipality_id())
    if "download" in request.GET:
        return _download(request, _tables(scope, first, last), name)
    tables = _tables(scope, first, last)
    heat_json, legend = heatmap.map_json(scope, first, last)
    ngo_json, ngo_legend = ("[]", []) if scope.agency_id else heatmap.ngo_map_json(scope, last)
    charts = {
        key: [{"label": str(row[0]), "count": row[1]} for row in tables[key]["rows"]]
        for key in ("topics", "categories", "statuses", "weeks", "months")
    }
    context = {
        "title": title, "form": form, "first": first, "last": last, "tables": tables,
        "charts": charts, "private": private, "empty": not tables["statuses"]["rows"],
        "query": request.GET.urlencode(), "heat_json": heat_json, "legend": legend,
        "ngo_json": ngo_json, "ngo_legend": ngo_legend,
        "map": map_settings(), "bounds": place_bounds(scope.municipality_id), **(extra or {}),
    }  # fmt: skip
    return render(request, "analytics/dashboard.html", context)


@require_GET
def public_dashboard(request: HttpRequest) -> HttpResponse:
    return _render(
        request, title=_("How the authorities answer residents"), scope=Scope(), name="public",
        private=False, municipalities=Municipality.objects.order_by("name"),
    )  # fmt: skip


@require_GET
def region_dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("analytics.view_region_dashboard"):
        raise PermissionDenied(_("Only the region's heads and admins see this dashboard."))
    return _render(
        request, title=_("The region's dashboard"), scope=Scope(), name="region", private=True,
        municipalities=Municipality.objects.order_by("name"),
    )  # fmt: skip


@require_GET
def municipality_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, pk=pk)
    if not request.user.has_perm("analytics.view_municipality_dashboard", municipality):
        raise PermissionDenied(_("This dashboard is for the municipality's head and admins."))
    return _render(
        request, title=_("Dashboard: %(name)s") % {"name": municipality.name},
        scope=Scope(municipality_id=pk), name=f"municipality-{pk}", private=True,
    )  # fmt: skip


@require_GET
def agency_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    if not request.user.has_perm("analytics.view_agency_dashboard", agency):
        raise PermissionDenied(_("This dashboard is for the agency's officials and head."))
    return _render(
        request, title=_("Dashboard: %(name)s") % {"name": agency.name},
        scope=Scope(agency_id=pk), name=f"agency-{pk}", private=True,
    )  # fmt: skip


@require_GET
def my_dashboards(request: HttpRequest) -> HttpResponse:
    """The private dashboards the user's roles open (a list of links)."""
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Sign in to see your dashboards."))
    mine = rules.private_dashboards(request.user)
    context = {
        "region": mine["region"],
        "municipalities": Municipality.objects.filter(pk__in=mine["municipalities"]).order_by(
            "name"
        ),
        "agencies": Agency.objects.filter(pk__in=mine["agencies"]).order_by("name"),
    }
    return render(request, "analytics/mine.html", context)


@require_GET
def ratings(request: HttpRequest) -> HttpResponse:
    by = "agency" if request.GET.get("by") == "agency" else "municipality"
    form = PeriodForm(request.GET or None, data_start=selectors.first_data_day())
    first, last = form.period()
    ranked = selectors.ratings(by, first, last)
    model = Agency if by == "agency" else Municipality
    names = dict(model.objects.filter(pk__in=[r.key for r in ranked]).values_list("pk", "name"))
    rows = [
        (names.get(r.key, "—"), r.accepted, r.timeliness, r.resolution, r.satisfaction,
         _round(r.composite))
        for r in ranked
    ]  # fmt: skip
    table = {
        "caption": _("Ratings of agencies") if by == "agency" else _("Ratings of municipalities"),
        "columns": [
            _("Name"),
            _("Accepted reports"),
            _("Timeliness"),
            _("Resolution"),
            _("Satisfaction"),
            _("Composite"),
        ],  # fmt: skip
        "rows": rows,
    }
    tables = {"ratings": table, **_object_tables(first, last)}
    if "download" in request.GET:
        return _download(request, tables, f"ratings-{by}")
    context = {
        "form": form, "first": first, "last": last, "by": by, "table": table,
        "object_tables": {k: v for k, v in tables.items() if k != "ratings"},
        "object_minimum": selectors.OBJECT_MINIMUM,
        "minimum": selectors.RATING_MINIMUM, "query": request.GET.urlencode(),
    }  # fmt: skip
    return render(request, "analytics/ratings.html", context)


def _object_tables(first: date, last: date) -> dict[str, dict]:
    """The infrastructure objects' second rating: agencies and contractors, on time (0–100)."""
    today = timezone.localdate()
    columns = [
        _("Objects due in the period"), _("Finished on time"), _("Finished late"),
        _("Unfinished past the planned end"), _("On time, 0–100"), _("Residents' ratings"),
        _("Residents' mean rating, 1–5"),
    ]  # fmt: skip
    tables = {}
    for by, caption, heading in (
        ("agency", _("Infrastructure objects: agencies"), _("Agency")),
        ("contractor", _("Infrastructure objects: contractors"), _("Contractor")),
    ):
        ranked = selectors.object_ratings(by, first, last, today)
        names = {}
        if by == "agency":
            keys = [r.key for r in ranked]
            names = dict(Agency.objects.filter(pk__in=keys).values_list("pk", "name"))
        rows = [
            (names.get(r.key, "—") if by == "agency" else r.key, r.objects, r.on_time, r.late,
             r.overdue, r.score, r.ratings, _mean(r.average))
            for r in ranked
        ]  # fmt: skip
        tables[f"objects-{by}"] = {"caption": caption, "columns": [heading, *columns], "rows": rows}
    return tables
