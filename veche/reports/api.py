"""REST API for the portal's own apps: file, list, read, support, and the official's answer.

Every endpoint calls the same services and asks the same permission names as the web pages.
Domain errors become JSON: 422 with the field in `loc`, 403 with a `detail` in the user's language.
"""

from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import Id, Text, errors

from . import selectors, services
from .api_schemas import (
    CLOSED_FORM,
    FILING_FORM,
    MAP_RESPONSES,
    WRITE_ERRORS,
    AnswerIn,
    CategoryOut,
    MapFilters,
    PublicStatus,
    ReasonOut,
    RejectIn,
    ReportIn,
    ReportOut,
    ReviewIn,
    SupportOut,
    form_body,
)
from .models import Category, Channel, RejectionReason, Report, Topic
from .views.public import map_feed

router = Router(tags=["reports"])


def domain_errors():
    return service_errors()


@router.get("/catalogue", response={200: list[CategoryOut], **errors(422)}, auth=None)
def catalogue(request):
    """Spheres and their open topics, as the filing form offers them."""
    open_topics = Prefetch("topics", queryset=Topic.objects.filter(is_open=True))
    return Category.objects.filter(is_active=True).prefetch_related(open_topics)


@router.get("/rejection-reasons", response={200: list[ReasonOut], **errors(422)}, auth=None)
def rejection_reasons(request):
    """The reasons a moderator may give for rejecting a report (`reason` of /reject)."""
    return RejectionReason.objects.filter(is_active=True)


@router.get(
    "/map.geojson",
    response={200: None, 304: None, **errors(422)},
    auth=None,
    openapi_extra=MAP_RESPONSES,
)
def report_map(request, filters: Query[MapFilters]):
    """Published reports as GeoJSON for a map: the feed the portal's own map reads. With `zoom`,
    clustered on the server (at most a few hundred features whatever the data); without it,
    points, the most supported first, at most 5000 (`truncated` says when there are more)."""
    # A box whose min exceeds its max holds nothing: an empty feed, not an error.
    bbox = tuple(float(value) for value in filters.bbox.split(",")) if filters.bbox else None
    selected = filters.model_dump(exclude={"bbox", "q", "zoom"})
    chosen = {"query": filters.q, **selected}
    return map_feed(request, bbox=bbox, filters=chosen, zoom=filters.zoom)


@router.get("/", response={200: list[ReportOut], **errors(400, 422)}, auth=None)
@paginate(Pagination)
def report_list(
    request,
    q: Text(200) = "",
    category: Id = None,
    topic: Id = None,
    status: PublicStatus | None = None,
    municipality: Id = None,
    order: Literal["new", "support"] = "new",
):
    """Published reports; `q` finds Russian word forms («яма» finds «ямы»)."""
    return selectors.report_list(
        query=q,
        category=category,
        topic=topic,
        status=status,
        municipality=municipality,
        order=order,
    ).select_related("author")


@router.get("/{report_id}", response={200: ReportOut, **errors(401, 404, 422)}, auth=optional_user)
def report_detail(request, report_id: Id):
    """A published report; its author and the staff concerned also see it unpublished."""
    report = get_object_or_404(
        Report.objects.select_related("topic", "municipality", "agency", "author"), pk=report_id
    )
    if not request.user.has_perm("reports.view_report", report):
        raise HttpError(404, _("Report not found."))
    return report


@router.post(
    "/",
    response={201: ReportOut, **WRITE_ERRORS},
    auth=token_or_session,
    openapi_extra=form_body(FILING_FORM),
)
def report_file(request, payload: Form[ReportIn], media: File[list[UploadedFile]] = None):
    """File a report (multipart form). A retry with the same `client_token` returns the first."""
    topic = get_object_or_404(Topic, pk=payload.topic_id)
    with domain_errors():
        report = services.report_submit(
            author=request.user,
            topic=topic,
            text=payload.text,
            lat=payload.lat,
            lon=payload.lon,
            address=payload.address,
            media=media or [],
            attributes=_attributes(request),
            channel=Channel.API,
            client_token=payload.client_token,
        )
    return Status(201, report)


def _attributes(request) -> dict:
    """`attribute[code]=value` fields (and `attribute[code][]` for several), as in Open311."""
    answers: dict = {}
    for key in request.POST:
        if key.startswith("attribute[") and key.endswith("]"):
            code = key[len("attribute[") :].split("]")[0]
            values = request.POST.getlist(key)
            answers[code] = values if key.endswith("[]") else values[-1]
    return answers


@router.post(
    "/{report_id}/support", response={200: SupportOut, **WRITE_ERRORS}, auth=token_or_session
)
def report_support(request, report_id: Id):
    # Nothing is read first: the support's own statement checks the report (services/supports.py).
    with domain_errors():
        try:
            report, created = services.report_support(
                user=request.user, report=Report(pk=report_id)
            )
        except Report.DoesNotExist as error:
            raise HttpError(404, _("Report not found.")) from error
    return {"support_count": report.support_count, "created": created}


@router.post("/{report_id}/take", response={200: ReportOut, **WRITE_ERRORS}, auth=token_or_session)
def report_take(request, report_id: Id):
    """An official takes a routed report into work."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        return services.report_take_into_work(official=request.user, report=report)


@router.post(
    "/{report_id}/answer",
    response={200: ReportOut, **WRITE_ERRORS},
    auth=token_or_session,
    openapi_extra=form_body(CLOSED_FORM),
)
def report_answer(
    request, report_id: Id, payload: Form[AnswerIn], files: File[list[UploadedFile]] = None
):
    """An official answers: resolved, scheduled (with planned_date) or refused (with reasons)."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        services.report_answer(
            official=request.user,
            report=report,
            kind=payload.kind,
            text=payload.text,
            planned_date=payload.planned_date,
            files=files or [],
        )
    return selectors.report_detail(report.pk)


@router.post(
    "/{report_id}/review", response={200: ReportOut, **WRITE_ERRORS}, auth=token_or_session
)
def report_review(request, report_id: Id, payload: ReviewIn):
    """The author rates the answer 1–5 and confirms it or disputes it with a reason."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        if payload.confirm:
            return services.report_confirm(
                author=request.user, report=report, rating=payload.rating
            )
        return services.report_dispute(
            author=request.user, report=report, rating=payload.rating, reason=payload.reason
        )


@router.post(
    "/{report_id}/publish", response={200: ReportOut, **WRITE_ERRORS}, auth=token_or_session
)
def report_publish(request, report_id: Id):
    """A moderator publishes a submitted report; it is routed and its deadline starts."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        services.report_publish(moderator=request.user, report=report)
    return selectors.report_detail(report.pk)


@router.post(
    "/{report_id}/reject", response={200: ReportOut, **WRITE_ERRORS}, auth=token_or_session
)
def report_reject(request, report_id: Id, payload: RejectIn):
    report = get_object_or_404(Report, pk=report_id)
    reason = RejectionReason.objects.filter(code=payload.reason, is_active=True).first()
    if reason is None:
        raise ApiValidationError(
            [
                {
                    "type": "invalid",
                    "loc": ["body", "reason"],
                    "msg": _("Choose a reason from the list."),
                }
            ]
        )
    with domain_errors():
        services.report_reject(
            moderator=request.user, report=report, reason=reason, comment=payload.comment
        )
    return selectors.report_detail(report.pk)
