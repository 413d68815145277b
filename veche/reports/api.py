"""REST API for the portal's own apps: file, list, read, support, and the official's answer.

Every endpoint calls the same services and asks the same permission names as the web pages.
Domain errors become JSON: 422 with the field in `loc`, 403 with a `detail` in the user's language.
"""

from contextlib import contextmanager
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DomainError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from veche.api.auth import token_or_session

from . import selectors, services
from .models import Answer, Category, Channel, RejectionReason, Report, Topic

router = Router(tags=["reports"])


def _anyone(request) -> bool:
    """Last in an auth list: a public endpoint still sees a token's or session's user."""
    return True


token_session_or_anyone = [*token_or_session, _anyone]


@contextmanager
def domain_errors():
    try:
        yield
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except DomainError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ApiValidationError(
            [
                {"type": "invalid", "loc": ["body", field], "msg": message}
                for field, messages in fields.items()
                for message in messages
            ]
        ) from error


class TopicOut(Schema):
    id: int
    name: str
    service_code: str
    deadline_days: int
    deadline_kind: str
    photos_required: bool


class CategoryOut(Schema):
    id: int
    name: str
    topics: list[TopicOut]


class ReportOut(Schema):
    id: int
    status: str
    status_name: str
    topic_id: int
    topic: str
    text: str
    municipality: str
    address: str
    lat: float
    lon: float
    agency: str | None
    due_at: datetime | None
    support_count: int
    created_at: datetime
    author: str

    @staticmethod
    def resolve_status_name(report: Report) -> str:
        return str(report.get_status_display())

    @staticmethod
    def resolve_topic(report: Report) -> str:
        return report.topic.name

    @staticmethod
    def resolve_municipality(report: Report) -> str:
        return report.municipality.name

    @staticmethod
    def resolve_agency(report: Report) -> str | None:
        return report.agency.name if report.agency_id else None

    @staticmethod
    def resolve_author(report: Report) -> str:
        return report.author.public_name  # never the full name, phone or e-mail


class ReportIn(Schema):
    topic_id: int
    text: str
    lat: float
    lon: float
    address: str = ""
    client_token: str | None = None


class AnswerIn(Schema):
    kind: Answer.Kind
    text: str
    planned_date: date | None = None


class ReviewIn(Schema):
    confirm: bool
    rating: int
    reason: str = ""


class SupportOut(Schema):
    support_count: int
    created: bool


@router.get("/catalogue", response=list[CategoryOut], auth=None)
def catalogue(request):
    """Spheres and their open topics, as the filing form offers them."""
    open_topics = Prefetch("topics", queryset=Topic.objects.filter(is_open=True))
    return Category.objects.filter(is_active=True).prefetch_related(open_topics)


@router.get("/", response=list[ReportOut], auth=None)
@paginate(LimitOffsetPagination)
def report_list(
    request,
    q: str = "",
    category: int | None = None,
    topic: int | None = None,
    status: str | None = None,
    municipality: int | None = None,
    order: str = "new",
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


@router.get("/{report_id}", response=ReportOut, auth=token_session_or_anyone)
def report_detail(request, report_id: int):
    report = get_object_or_404(
        Report.objects.select_related("topic", "municipality", "agency", "author"), pk=report_id
    )
    if not request.user.has_perm("reports.view_report", report):
        raise HttpError(404, _("Report not found."))
    return report


@router.post("/", response={201: ReportOut}, auth=token_or_session)
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


@router.post("/{report_id}/support", response=SupportOut, auth=token_or_session)
def report_support(request, report_id: int):
    # Only what the permission needs: this is the hottest write of the portal.
    fields = ("id", "status", "author_id", "support_count")
    report = get_object_or_404(Report.objects.only(*fields), pk=report_id)
    with domain_errors():
        report, created = services.report_support(user=request.user, report=report)
    return {"support_count": report.support_count, "created": created}


@router.post("/{report_id}/take", response=ReportOut, auth=token_or_session)
def report_take(request, report_id: int):
    """An official takes a routed report into work."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        return services.report_take_into_work(official=request.user, report=report)


@router.post("/{report_id}/answer", response=ReportOut, auth=token_or_session)
def report_answer(
    request, report_id: int, payload: Form[AnswerIn], files: File[list[UploadedFile]] = None
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


@router.post("/{report_id}/review", response=ReportOut, auth=token_or_session)
def report_review(request, report_id: int, payload: ReviewIn):
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


class RejectIn(Schema):
    reason: str  # a RejectionReason code, see /reports/rejection-reasons
    comment: str = ""


class ReasonOut(Schema):
    code: str
    text: str


@router.get("/rejection-reasons", response=list[ReasonOut], auth=None)
def rejection_reasons(request):
    return RejectionReason.objects.filter(is_active=True)


@router.post("/{report_id}/publish", response=ReportOut, auth=token_or_session)
def report_publish(request, report_id: int):
    """A moderator publishes a submitted report; it is routed and its deadline starts."""
    report = get_object_or_404(Report, pk=report_id)
    with domain_errors():
        services.report_publish(moderator=request.user, report=report)
    return selectors.report_detail(report.pk)


@router.post("/{report_id}/reject", response=ReportOut, auth=token_or_session)
def report_reject(request, report_id: int, payload: RejectIn):
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
