"""A winning application's implementation: in implementation → implemented, or not carried out
(issue 13, point 6; docs/realized.md, "Implementation").

`implementation_start` is the seam the winner rule calls (budgeting, point 4): it takes a winner
application and enters its project in the registry, in the caller's transaction when there is
one. Each step then is a service with its permission, a public timeline entry, an event, an
audit row and the applicants' notices. Photos are processed by `veche.media` before the
transaction.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.budgeting.services.implementation import application_implementation
from veche.media.uploads import is_photo, process_media

from .. import rules
from ..models import REFUNDABLE, Direction, Project, ProjectPhoto, Status
from ._common import changed, lock, require, save_photos, words

MAX_PHOTOS = 10
NOT_WINNER = gettext_lazy("Only a contest's winning application moves to implementation.")
NOT_IN_IMPLEMENTATION = gettext_lazy("The project is not in implementation.")


def _photos(photos) -> list:
    if len(photos) > MAX_PHOTOS or not all(is_photo(photo) for photo in photos):
        raise ValidationError(
            {"photos": [_("Up to %(max)d photos: JPEG, PNG or WebP.") % {"max": MAX_PHOTOS}]}
        )
    return process_media(photos)


def implementation_start(*, user, application, direction: str = Direction.OTHER) -> Project:
    """Enter a winner application's project in the registry, in implementation, with its money
    by source (businesses and in-kind contributions count as sponsors'). Called a second time for
    the same application it returns the project already there and changes nothing."""
    from veche.budgeting.models import Application

    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("contest", "municipality")
            .get(pk=application.pk)
        )
        existing = Project.objects.filter(application=application).first()
        if existing is not None:
            return existing
        require(user, "realized.change_project", application.municipality)
        if not rules.is_winner(user, application):
            raise ValidationError(str(NOT_WINNER), code="not_winner")
        project = Project(
            name=application.title,
            municipality=application.municipality,
            year=timezone.localdate().year,
            direction=direction,
            status=Status.IN_IMPLEMENTATION,
            amount_region=application.amount_region,
            amount_municipality=application.amount_municipality,
            amount_residents=application.amount_residents,
            amount_sponsors=application.amount_businesses + application.amount_in_kind,
            application=application,
        )
        project.full_clean()
        project.save()
        changed(
            project,
            user=user,
            action="started",
            text=_("The winning application of the contest «%(contest)s» moves to implementation.")
            % {"contest": application.contest.title},
            details={"application": application.pk},
        )
        application_implementation(user=user, application=application, implemented=False)
        return project


def progress_add(*, user, project: Project, text: str, photos=(), stage: str = "during"):
    """A progress update with photos (before or during the works) on the public timeline."""
    text = words(text, "text", required=_("Write what has been done."))
    if stage not in (ProjectPhoto.Stage.BEFORE, ProjectPhoto.Stage.DURING):
        raise ValidationError({"stage": [_("Progress photos are taken before or during works.")]})
    processed = _photos(list(photos))
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        if not rules.in_implementation(user, project):
            raise ValidationError(str(NOT_IN_IMPLEMENTATION), code="status")
        entry = changed(
            project, user=user, action="progress", text=text, details={"photos": len(processed)}
        )
        save_photos(project, processed, stage=stage, update=entry)
        project.save(update_fields=["updated_at"])
        return entry


def implementation_finish(
    *,
    user,
    project: Project,
    text: str,
    photos=(),
    left_residents: Decimal = Decimal(0),
    left_sponsors: Decimal = Decimal(0),
) -> Project:
    """The project is implemented: photos after, and what residents and sponsors gave that was
    not spent recorded as due for refund."""
    text = words(text, "text", required=_("Write what has been done."))
    processed = _photos(list(photos))
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        if not rules.in_implementation(user, project):
            raise ValidationError(str(NOT_IN_IMPLEMENTATION), code="status")
        project.status = Status.IMPLEMENTED
        project.year = timezone.localdate().year
        _add_refunds(project, residents=left_residents, sponsors=left_sponsors)
        project.full_clean()
        project.save()
        entry = changed(
            project,
            user=user,
            action="implemented",
            text=text,
            details={"photos": len(processed), **_refund_details(project)},
        )
        save_photos(project, processed, stage=ProjectPhoto.Stage.AFTER, update=entry)
        if project.application_id is not None:
            application_implementation(user=user, application=project.application, implemented=True)
        return project


def implementation_abandon(*, user, project: Project, reason: str) -> Project:
    """The project will not be carried out: everything residents and sponsors gave is due back."""
    reason = words(reason, "reason", required=_("Say why the project is not carried out."))
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        if not rules.in_implementation(user, project):
            raise ValidationError(str(NOT_IN_IMPLEMENTATION), code="status")
        project.status = Status.NOT_CARRIED_OUT
        project.refund_residents = project.amount_residents
        project.refund_sponsors = project.amount_sponsors
        project.full_clean()
        project.save()
        changed(
            project,
            user=user,
            action="not_carried_out",
            text=reason,
            details=_refund_details(project),
        )
        return project


def refund_record(
    *, user, project: Project, residents: Decimal, sponsors: Decimal, note: str = ""
) -> Project:
    """Record more money due back to residents and sponsors (left over after the works); the
    total owed never exceeds what each gave."""
    note = words(note, "note", limit=1000)
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        _add_refunds(project, residents=residents, sponsors=sponsors)
        if not (residents or sponsors):
            raise ValidationError({"residents": [_("Enter an amount due back.")]})
        project.full_clean()
        project.save()
        changed(project, user=user, action="refund", text=note, details=_refund_details(project))
        return project


def _add_refunds(project: Project, *, residents: Decimal, sponsors: Decimal) -> None:
    for source, amount in zip(REFUNDABLE, (residents, sponsors), strict=True):
        amount = Decimal(amount or 0)
        if amount < 0:
            raise ValidationError({source: [_("An amount cannot be negative.")]})
        total = getattr(project, f"refund_{source}") + amount
        if total > getattr(project, f"amount_{source}"):
            raise ValidationError(
                {source: [_("More is due back than was contributed from this source.")]}
            )
        setattr(project, f"refund_{source}", total)


def _refund_details(project: Project) -> dict:
    return {
        "refund_residents": str(project.refund_residents),
        "refund_sponsors": str(project.refund_sponsors),
    }
