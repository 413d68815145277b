"""Open311 GeoReport v2 at /open311/v2/: discovery, services, definitions, requests, tokens and
the FixMyStreet `servicerequestupdates` extension, in XML and JSON."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from veche.core.text import clean_text
from veche.reports.models import Answer, Channel, Report, ReportMedia, TimelineEntry, Topic
from veche.reports.models.report import UNPUBLISHED
from veche.reports.services import report_submit

from . import serializers
from .authors import AuthorError, author_for, token_for_key
from .formats import error, render
from .params import (
    BadRequest,
    attributes,
    comma_list,
    coordinate,
    date_range,
    idempotency_key,
    merged,
    one,
    positive_int,
    request_ids,
    whole_number,
)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-24T00:00:00+05:00"  # bump when the endpoints or formats change
MAX_REQUESTS = 1000


def _jurisdiction_error(fmt: str, params: dict) -> HttpResponse | None:
    """A single-jurisdiction server: an absent or empty id is fine, another one is not found."""
    wanted = one(params, "jurisdiction_id")
    ours = getattr(settings, "OPEN311_JURISDICTION", "")
    if wanted and ours and wanted != ours:
        return error(fmt, 404, f"jurisdiction_id {wanted} not found")
    return None


def georeport(*methods: str):
    """An Open311 endpoint answering `methods` (GET by default): another method is a 405, bad
    parameters a 400, both with the format's error body. No CSRF check: Open311 clients carry no
    cookies, and the one write is authorized by its `api_key`."""
    allowed = methods or ("GET",)

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
            if request.method not in allowed:
                response = error(fmt, 405, f"{request.method[:20]} is not allowed here")
                response["Allow"] = ", ".join(allowed)
                return response
            try:
                params = merged(request)
                if response := _jurisdiction_error(fmt, params):
                    return response
                return view(request, fmt, params, **kwargs)
            except BadRequest as problem:
                return error(fmt, 400, str(problem))

        return wrapper

    return decorate


@georeport()
def discovery(request, fmt, params):
    base = request.build_absolute_uri("/open311/v2/")
    return render(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": getattr(settings, "OPEN311_CONTACT", settings.DEFAULT_FROM_EMAIL),
            "key_service": getattr(
                settings, "OPEN311_KEY_SERVICE", f"{settings.SITE_URL}/api-tokens/"
            ),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _topics():
    return (
        Topic.objects.filter(is_open=True, category__is_active=True)
        .select_related("category")
        .prefetch_related("attributes")
    )


@georeport()
def services(request, fmt, params):
    return render(fmt, "services", [serializers.service(topic) for topic in _topics()])


@georeport()
def service_definition(request, fmt, params, code: str):
    topic = _topics().filter(service_code=code).first()
    if topic is None:
        return error(fmt, 404, f"service_code {code} not found")
    return render(fmt, "service_definition", serializers.definition(topic))


def _requests_queryset():
    last_kind = Answer.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Report.objects.select_related("topic", "agency")
        .prefetch_related(
            "answers",
            Prefetch("media", queryset=ReportMedia.objects.order_by("order", "pk")),
            Prefetch("timeline", queryset=TimelineEntry.objects.order_by("created_at", "pk")),
        )
        .annotate(last_answer_kind=Subquery(last_kind.values("kind")[:1]))
    )


def _status_filter(statuses: list[str]) -> Q:
    closed = Q(status__in=serializers.CLOSED) | (
        Q(status="answered") & ~Q(last_answer_kind="scheduled")
    )
    wanted = {s.lower() for s in statuses}
    if wanted - {"open", "closed"}:
        raise BadRequest("status must be open, closed or both")
    if wanted == {"closed"}:
        return closed
    if wanted == {"open"}:
        return ~closed
    return Q()


@georeport("GET", "POST")
def service_requests(request, fmt, params):
    if request.method == "POST":
        return _create(request, fmt, params)
    extensions = one(params, "extensions") == "true"
    reports = _requests_queryset().exclude(status__in=UNPUBLISHED)
    if ids := request_ids(params):
        reports = reports.filter(pk__in=ids)
    else:
        start, end = date_range(params)
        reports = reports.filter(created_at__gte=start, created_at__lte=end)
        if codes := comma_list(params, "service_code"):
            reports = reports.filter(topic__service_code__in=codes)
        if statuses := comma_list(params, "status"):
            reports = reports.filter(_status_filter(statuses))
    page_size = positive_int(params, "page_size", MAX_REQUESTS, MAX_REQUESTS)
    page = positive_int(params, "page", 1, 10**6)
    window = reports.order_by("-created_at", "-pk")[(page - 1) * page_size : page * page_size]
    payload = [serializers.request(r, extensions=extensions) for r in window]
    return render(fmt, "service_requests", payload)


@georeport()
def single_request(request, fmt, params, request_id: str):
    pk = whole_number(request_id)
    report = _requests_queryset().filter(pk=pk).first() if pk is not None else None
    if report is None or report.status == "rejected":
        return error(fmt, 404, f"service_request_id {request_id[:20]} not found")
    if not report.is_public:  # awaiting moderation: its filer may follow it, nobody may read it
        return render(fmt, "service_requests", [serializers.unpublished(report)])
    extensions = one(params, "extensions") == "true"
    return render(fmt, "service_requests", [serializers.request(report, extensions=extensions)])


@georeport()
def token(request, fmt, params, token: str):
    report = Report.objects.filter(channel=Channel.OPEN311, client_token=token).first()
    if report is None:
        return error(fmt, 404, f"token {token} not found")
    return render(fmt, "service_requests", [{"service_request_id": str(report.pk), "token": token}])


@georeport()
def updates(request, fmt, params):
    """FixMyStreet's extension: public timeline entries in a window, oldest first."""
    start, end = date_range(params)
    entries = (
        TimelineEntry.objects.filter(is_public=True, created_at__gte=start, created_at__lte=end)
        .exclude(report__status__in=UNPUBLISHED)
        .select_related("report")
        .prefetch_related("report__answers")
        .order_by("created_at", "pk")
    )
    payload = [serializers.update(entry) for entry in entries[:MAX_REQUESTS]]
    return render(fmt, "service_request_updates", payload)


def _create(request, fmt, params):
    api_token = token_for_key(one(params, "api_key"))
    if api_token is None:
        return error(fmt, 403, "api_key is missing, unknown, revoked or expired")
    code = one(params, "service_code")
    if code is None:
        return error(fmt, 400, "service_code is required")
    topic = _topics().filter(service_code=code).first()
    if topic is None:
        return error(fmt, 404, f"service_code {code} not found")
    lat, lon = coordinate(params, "lat", 90), coordinate(params, "long", 180)
    client_token = idempotency_key(request)
    try:
        description = clean_text(one(params, "description") or "")
        if len(description) > 4000:
            return error(fmt, 400, "description is longer than 4000 characters")
        author, filed_by = author_for(api_token.user, params)
        report = report_submit(
            author=author,
            filed_by=filed_by,
            topic=topic,
            text=description,
            lat=lat,
            lon=lon,
            address=clean_text(one(params, "address_string") or ""),
            attributes=attributes(params),
            channel=Channel.OPEN311,
            media=request.FILES.getlist("media") + request.FILES.getlist("media[]"),
            client_token=client_token,
            skip_moderation=api_token.trusted,
        )
    except (AuthorError, PermissionDenied) as problem:
        return error(fmt, 403, str(problem))
    except ValidationError as problem:
        return render(
            fmt, "errors", [{"code": 400, "description": m} for m in problem.messages], 400
        )
    return render(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": str(report.pk),
                "service_notice": serializers.service_notice(topic),
                "account_id": str(author.pk),
            }
        ],
    )


@csrf_exempt
def not_found(request, rest: str = ""):
    fmt = "json" if rest.endswith(".json") else "xml"
    return error(fmt, 404, "not found")
