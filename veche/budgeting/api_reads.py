"""REST reads of initiative budgeting (/api/v1/budgeting/): the contests' list and a contest,
its applications and an application, with the same visibility as the pages (published contests,
and the drafts the user organizes). The router is api.py's."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from veche.api.auth import optional_user
from veche.api.pagination import Pagination
from veche.api.schemas import Id, errors

from . import selectors
from .models import SOURCES, Application, Contest

router = Router(tags=["budgeting"])


class ContestStageOut(Schema):
    kind: str = Field(description="applications, technical_review, public_jury, public_voting, …")
    name: str
    position: int
    start: datetime
    end: datetime
    state: str = Field(description="done, current or upcoming")


class ContestOut(Schema):
    id: int
    url: str
    title: str
    status: str = Field(description="draft or published")
    municipality_id: int | None = Field(description="null: a regional contest")
    municipality: str | None
    budget: Decimal
    subsidy_cap: Decimal | None
    stage: str | None = Field(description="the kind of the stage open now; null outside them")
    stages: list[ContestStageOut]

    @staticmethod
    def resolve_url(contest: Contest) -> str:
        return contest.get_absolute_url()

    @staticmethod
    def resolve_municipality(contest: Contest) -> str | None:
        return contest.municipality.name if contest.municipality_id else None

    @staticmethod
    def resolve_stage(contest: Contest) -> str | None:
        current = contest.current_stage
        return current.kind if current else None

    @staticmethod
    def resolve_stages(contest: Contest) -> list[dict]:
        now = timezone.now()
        return [
            {
                "kind": s.kind,
                "name": s.label,
                "position": s.position,
                "start": s.starts_at,
                "end": s.ends_at,
                "state": "done"
                if now >= s.ends_at
                else "current"
                if now >= s.starts_at
                else "upcoming",
            }
            for s in contest.ordered_stages()
        ]


class ContestDetailOut(ContestOut):
    rules: str = Field(description="sanitized HTML")
    min_shares: dict[str, Decimal] = Field(description="minimum co-financing share by source, %")
    quota_per_municipality: int | None
    applicants: list[str] = Field(description="groups, municipalities, individuals")
    documents: list[dict]

    @staticmethod
    def resolve_min_shares(contest: Contest) -> dict[str, Decimal]:
        return {
            source: share for source, share in contest.min_shares().items() if source in SOURCES
        }

    @staticmethod
    def resolve_applicants(contest: Contest) -> list[str]:
        kinds = (
            ("groups", contest.accepts_groups),
            ("municipalities", contest.accepts_municipalities),
            ("individuals", contest.accepts_individuals),
        )
        return [name for name, accepted in kinds if accepted]

    @staticmethod
    def resolve_documents(contest: Contest) -> list[dict]:
        from django.urls import reverse

        return [
            {"title": d.title, "url": reverse("budgeting:document", args=[d.pk]), "size": d.size}
            for d in contest.documents.all()
        ]


@router.get(
    "/contests/", response={200: list[ContestOut], **errors(400, 401, 422)}, auth=optional_user
)
@paginate(Pagination)
def contest_list(request):
    """Published contests (and the drafts the user organizes), newest first."""
    return selectors.contests_for(request.user)


@router.get(
    "/contests/{contest_id}",
    response={200: ContestDetailOut, **errors(401, 404, 422)},
    auth=optional_user,
)
def contest_detail(request, contest_id: Id):
    """A contest with its stages, terms and documents."""
    try:
        contest = selectors.contest_detail(contest_id)
    except Contest.DoesNotExist as error:
        raise HttpError(404, _("Contest not found.")) from error
    if not request.user.has_perm("budgeting.view_contest", contest):
        raise HttpError(404, _("Contest not found."))
    return contest


# --- Applications -------------------------------------------------------------------------------


class ApplicationOut(Schema):
    id: int
    url: str
    contest_id: int
    title: str
    status: str = Field(description="draft, submitted, revision, admitted or rejected")
    applicant: str = Field(description="group, municipality or individual")
    municipality: str
    cost: Decimal
    template_version: int
    submitted_at: datetime | None

    @staticmethod
    def resolve_url(application: Application) -> str:
        return application.get_absolute_url()

    @staticmethod
    def resolve_applicant(application: Application) -> str:
        return application.kind

    @staticmethod
    def resolve_municipality(application: Application) -> str:
        return application.municipality.name

    @staticmethod
    def resolve_template_version(application: Application) -> int:
        return application.version.number


class AnswerOut(Schema):
    key: str
    label: str
    kind: str
    value: object | None = Field(description="text, number as text, list, {lat, lon}; files: null")
    file_url: str | None


class ApplicationDetailOut(ApplicationOut):
    answers: list[AnswerOut]
    co_financing: dict[str, Decimal] = Field(description="money by source, ₽")

    @staticmethod
    def resolve_answers(application: Application, context) -> list[dict]:
        from django.urls import reverse

        user = context["request"].user
        files = user.has_perm("budgeting.view_application_files", application)
        return [
            {
                "key": row.field.key,
                "label": row.field.label,
                "kind": row.field.kind,
                "value": row.value,
                "file_url": reverse("budgeting:application_file", args=[row.file.pk])
                if row.file and files
                else None,
            }
            for row in selectors.answer_rows(application)
        ]

    @staticmethod
    def resolve_co_financing(application: Application) -> dict[str, Decimal]:
        return application.amounts()


@router.get(
    "/contests/{contest_id}/applications",
    response={200: list[ApplicationOut], **errors(400, 401, 404, 422)},
    auth=optional_user,
)
@paginate(Pagination)
def contest_applications(request, contest_id: Id):
    """The contest's admitted applications; its reviewers and organizers get every submitted
    one."""
    try:
        contest = selectors.contest_detail(contest_id)
    except Contest.DoesNotExist as error:
        raise HttpError(404, _("Contest not found.")) from error
    if not request.user.has_perm("budgeting.view_contest", contest):
        raise HttpError(404, _("Contest not found."))
    return selectors.contest_applications(
        contest, everything=request.user.has_perm("budgeting.view_review_queue", contest)
    )


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, **errors(401, 404, 422)},
    auth=optional_user,
)
def application_detail(request, application_id: Id):
    """An application with its answers as written on its template version."""
    try:
        application = selectors.application_detail(application_id)
    except Application.DoesNotExist as error:
        raise HttpError(404, _("Application not found.")) from error
    if not request.user.has_perm("budgeting.view_application", application):
        raise HttpError(404, _("Application not found."))
    return application
