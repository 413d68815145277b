"""Applications up to the technical review: start (a draft on the current template version),
save (answers checked against that version; files cleaned by veche.media before the
transaction), submit (complete answers, co-financing against the contest's minimums and cap,
the quota per municipality counted under the contest's lock; a revision kept). The technical
review is services/review.py. Each step: its named rule, one transaction, a timeline entry,
one event `budgeting.application_<step>`, the notices task, and for a municipal admin's steps a
staff audit row."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.core.formats import money
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.media.documents import process_documents
from veche.territory.models import Municipality

from .. import stages
from ..answers import clean_answers, error_key
from ..models import (
    SOURCE_LABELS,
    SOURCES,
    Application,
    ApplicationFile,
    ApplicationRevision,
    Contest,
    FieldKind,
    InitiativeGroup,
)
from ..rules import stage_refusal
from ._steps import lock, step
from .templates import current_version


@dataclass(frozen=True)
class Money:
    """The project's cost and its co-financing by source, in roubles."""

    cost: Decimal
    amounts: dict  # source → Decimal


# --- Starting ----------------------------------------------------------------------------------


def application_start(
    *,
    user,
    contest: Contest,
    kind: str,
    title: str,
    group: InitiativeGroup | None = None,
    municipality: Municipality | None = None,
) -> Application:
    """A draft on the contest's current template version, by a group (any member), a
    municipality (its admin; regional contests) or an individual."""
    if not user.has_perm("budgeting.apply_to_contest", contest):
        refusal = stage_refusal(contest, stages.APPLICATIONS) if contest.is_published else ""
        raise PermissionDenied(refusal or _("You cannot apply to this contest now."))
    title = " ".join(clean_text(title or "").split())
    if not title:
        raise ValidationError({"title": [_("Give the project a title.")]})
    if len(title) > 200:
        raise ValidationError({"title": [_("The title is too long: at most 200 characters.")]})
    municipality = _applicant(user, contest, kind, group, municipality)
    version = current_version(contest)
    if version is None:
        raise ValidationError(_("The contest has no application form yet."))
    with transaction.atomic():
        application = Application.objects.create(
            contest=contest,
            version=version,
            kind=kind,
            group=group if kind == Application.Kind.GROUP else None,
            municipality=municipality,
            author=user,
            title=title,
        )
        step(
            application,
            "started",
            actor=user,
            message=gettext_noop("The application is started."),
            audit=kind == Application.Kind.MUNICIPALITY,
        )
    return application


def _applicant(user, contest, kind, group, municipality) -> Municipality:
    """The application's municipality, after checking the applicant may apply as `kind`."""
    accepted = {
        Application.Kind.GROUP: contest.accepts_groups,
        Application.Kind.MUNICIPALITY: contest.accepts_municipalities,
        Application.Kind.INDIVIDUAL: contest.accepts_individuals,
    }
    if not accepted.get(kind):
        raise ValidationError({"kind": [_("This contest does not take such applicants.")]})
    if kind == Application.Kind.GROUP:
        if group is None or not user.has_perm("budgeting.view_group", group):
            raise PermissionDenied(_("Apply for a group you belong to."))
        municipality = group.municipality
    elif kind == Application.Kind.MUNICIPALITY:
        from veche.staff.predicates import is_municipal_admin_of

        if municipality is None or not is_municipal_admin_of(user, municipality):
            raise PermissionDenied(
                _("In a regional contest only the municipality's administration applies for it.")
            )
    if contest.municipality_id is not None:
        if municipality is not None and municipality.pk != contest.municipality_id:
            raise ValidationError(
                {"group": [_("The group works in another municipality than the contest's.")]}
            )
        municipality = contest.municipality
    if municipality is None:
        raise ValidationError({"municipality": [_("Choose the municipality of the project.")]})
    return municipality


# --- Saving ------------------------------------------------------------------------------------


def check_money(contest: Contest, money_in: Money, *, complete: bool) -> None:
    """The sources add up to the cost (always); on submission the cost is positive, each
    source meets the contest's minimum share and the subsidy stays within the cap."""
    errors: dict[str, list[str]] = {}
    if money_in.cost < 0 or any(v < 0 for v in money_in.amounts.values()):
        errors["cost"] = [_("Sums of money cannot be negative.")]
    total = sum(money_in.amounts.values(), Decimal(0))
    if not errors and total != money_in.cost:
        errors["cost"] = [
            _(
                "The sources add up to %(total)s, but the project costs %(cost)s: they must be "
                "equal."
            )
            % {"total": money(total), "cost": money(money_in.cost)}
        ]
    if not errors and complete:
        if money_in.cost <= 0:
            errors["cost"] = [_("Give the project's cost.")]
        else:
            _share_errors(contest, money_in, errors)
    if errors:
        raise ValidationError(errors)


def _share_errors(contest: Contest, money_in: Money, errors: dict) -> None:
    for source, minimum in contest.min_shares().items():
        share = money_in.amounts[source] * 100 / money_in.cost
        if share < minimum:
            errors[f"amount_{source}"] = [
                _("The share «%(source)s» is %(share)s %%, at least %(min)s %% are needed.")
                % {
                    "source": SOURCE_LABELS[source],
                    "share": round(share, 2),
                    "min": minimum.normalize(),
                }
            ]
    subsidy_source = "region" if contest.is_regional else "municipality"
    cap = contest.subsidy_cap
    if cap is not None and money_in.amounts[subsidy_source] > cap:
        errors[f"amount_{subsidy_source}"] = [
            _("The subsidy asked for exceeds the contest's cap of %(cap)s.") % {"cap": money(cap)}
        ]


def _kept_files(application: Application) -> set[str]:
    return set(application.files.values_list("key", flat=True))


def application_save(
    *,
    user,
    application: Application,
    title: str,
    answers: dict,
    money_in: Money,
    uploads: dict[str, UploadedFile] | None = None,
) -> Application:
    """Save the draft (or the revision being corrected) with what is filled in: nothing given
    may be wrong; required fields may wait for the submission. On any error nothing is saved."""
    uploads = uploads or {}
    if not user.has_perm("budgeting.edit_application", application):
        raise PermissionDenied(_("This application cannot be changed now."))
    title = " ".join(clean_text(title or "").split())
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the project a title.")]
    try:
        cleaned = clean_answers(
            application.version, answers, uploads, _kept_files(application), complete=False
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        check_money(application.contest, money_in, complete=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    processed = _processed(application, uploads)
    with transaction.atomic():
        contest, application = lock(application)
        if not user.has_perm("budgeting.edit_application", application):
            raise PermissionDenied(_("This application cannot be changed now."))
        application.title, application.answers = title, cleaned
        application.cost = money_in.cost
        for source in SOURCES:
            setattr(application, f"amount_{source}", money_in.amounts[source])
        application.full_clean()
        application.save()
        for key, document in processed.items():
            stored = ApplicationFile(
                application=application,
                key=key,
                name=document.name[:200],
                content_type=document.content_type,
                size=document.size,
            )
            stored.file.save(document.file.name, document.file, save=False)
            stored.save()
        record_event(
            kind="budgeting.application_saved",
            subject=application,
            actor=user,
            territory=application.municipality_id,
            payload={"status": application.status},
        )
    return application


def _processed(application: Application, uploads: dict) -> dict:
    """Each upload cleaned by veche.media (re-encoded images, no active PDFs) before the
    transaction; a refusal names the field."""
    fields = {f.key: f for f in application.version.fields.filter(kind=FieldKind.FILE)}
    processed = {}
    for key, upload in uploads.items():
        try:
            processed[key] = process_documents([upload])[0]
        except ValidationError as error:
            label = fields[key].label if key in fields else key
            raise ValidationError(
                {error_key(key): [f"{label}: {message}" for message in error.messages]}
            ) from error
    return processed


# --- Submitting --------------------------------------------------------------------------------


def _latest_files(application: Application) -> dict[str, int]:
    latest: dict[str, int] = {}
    for key, pk in application.files.order_by("pk").values_list("key", "pk"):
        latest[key] = pk
    return latest


def application_submit(*, user, application: Application) -> ApplicationRevision:
    """Submit the draft, or the corrected revision: every required field answered, the money
    within the contest's terms, and — for a municipality in a regional contest — within its
    quota (counted under the contest's lock)."""
    with transaction.atomic():
        contest, application = lock(application)
        if not user.has_perm("budgeting.submit_application", application):
            raise PermissionDenied(_submit_refusal(user, application))
        clean_answers(
            application.version,
            application.answers,
            {},
            _kept_files(application),
            complete=True,
        )
        check_money(contest, Money(application.cost, application.amounts()), complete=True)
        if application.status == Application.Status.DRAFT:
            _check_quota(contest, application)
        application.revision_count += 1
        revision = ApplicationRevision.objects.create(
            application=application,
            number=application.revision_count,
            version=application.version,
            title=application.title,
            answers=application.answers,
            files=_latest_files(application),
            amounts={"cost": str(application.cost)}
            | {s: str(v) for s, v in application.amounts().items()},
            submitted_by=user,
            submitted_at=timezone.now(),
        )
        application.status = Application.Status.SUBMITTED
        application.submitted_at = revision.submitted_at
        application.revision_due = None
        application.full_clean()
        application.save()
        step(
            application,
            "submitted",
            actor=user,
            message=gettext_noop("Revision %(number)s is submitted."),
            params={"number": revision.number},
            audit=application.kind == Application.Kind.MUNICIPALITY,
        )
    return revision


def _submit_refusal(user, application: Application) -> str:
    from ..rules import is_submitter

    if not is_submitter(user, application):
        if application.kind == Application.Kind.MUNICIPALITY:
            return _("In a regional contest only the municipality's administration submits.")
        return _("Only the group's leader submits the application.")
    if application.status == Application.Status.DRAFT:
        return stage_refusal(application.contest, stages.APPLICATIONS) or _(
            "This application cannot be submitted now."
        )
    return _("This application cannot be submitted now.")


def _check_quota(contest: Contest, application: Application) -> None:
    quota = contest.quota_per_municipality
    if quota is None or application.kind != Application.Kind.MUNICIPALITY:
        return
    used = (
        Application.objects.filter(contest=contest, municipality=application.municipality)
        .exclude(status=Application.Status.DRAFT)
        .exclude(pk=application.pk)
        .count()
    )
    if used >= quota:
        raise ValidationError(
            _(
                "%(municipality)s has already submitted %(used)s applications, the contest's "
                "quota per municipality."
            )
            % {"municipality": application.municipality.name, "used": used},
            code="quota",
        )
