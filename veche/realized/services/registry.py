"""Staff edits of the registry: a project entered or corrected by hand, its photos, and the
figure of projects realized per municipality and year (docs/realized.md, "Completeness")."""

from dataclasses import dataclass, fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import SOURCES, Project, ProjectPhoto, RealizedCount
from ._common import changed, lock, require, save_photos, words
from .implementation import _photos


@dataclass
class ProjectIn:
    name: str
    municipality: object
    year: int
    direction: str
    status: str = "implemented"
    settlement: object = None
    lat: float | None = None
    lon: float | None = None
    description: str = ""
    amount_region: Decimal = Decimal(0)
    amount_municipality: Decimal = Decimal(0)
    amount_residents: Decimal = Decimal(0)
    amount_sponsors: Decimal = Decimal(0)


def _apply(project: Project, data: ProjectIn) -> None:
    for item in fields(ProjectIn):
        setattr(project, item.name, getattr(data, item.name))
    project.name = words(data.name, "name", required=_("Name the project."), limit=300)
    project.description = words(data.description, "description")
    if (
        project.settlement is not None
        and project.settlement.municipality_id != project.municipality.pk
    ):
        raise ValidationError({"settlement": [_("The settlement is not in this municipality.")]})
    if (
        project.refund_residents > project.amount_residents
        or project.refund_sponsors > project.amount_sponsors
    ):
        raise ValidationError(
            {"amount_residents": [_("Less than is already recorded as due back.")]}
        )


def _save(project: Project) -> None:
    project.full_clean()
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        raise ValidationError(
            {"name": [_("The registry already has a project of this name there that year.")]}
        ) from None


def project_create(*, user, data: ProjectIn) -> Project:
    with transaction.atomic():
        require(user, "realized.change_project", data.municipality)
        project = Project()
        _apply(project, data)
        _save(project)
        changed(project, user=user, action="entered", details={"year": project.year})
        return project


def project_update(*, user, project: Project, data: ProjectIn) -> Project:
    """Correct a project. Both its municipality now and the one it moves to must be the
    editor's."""
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        require(user, "realized.change_project", data.municipality)
        before = {f"amount_{s}": str(getattr(project, f"amount_{s}")) for s in SOURCES}
        _apply(project, data)
        _save(project)
        changed(project, user=user, action="updated", details={"before": before})
        return project


def photos_add(*, user, project: Project, stage: str, photos) -> int:
    if stage not in ProjectPhoto.Stage.values:
        raise ValidationError({"stage": [_("Choose before, during or after.")]})
    processed = _photos(list(photos))
    if not processed:
        raise ValidationError({"photos": [_("Choose at least one photo.")]})
    with transaction.atomic():
        project = lock(project)
        require(user, "realized.change_project", project)
        save_photos(project, processed, stage=stage)
        changed(
            project, user=user, action="photos", details={"stage": stage, "photos": len(processed)}
        )
        project.save(update_fields=["updated_at"])
        return len(processed)


def realized_count_set(*, user, municipality, year: int, realized: int) -> RealizedCount:
    """The figure of projects a municipality realized in a year (entered, or corrected)."""
    with transaction.atomic():
        require(user, "realized.set_realized_count", municipality)
        row = (
            RealizedCount.objects.select_for_update()
            .filter(municipality=municipality, year=year)
            .first()
        )
        row = row or RealizedCount(municipality=municipality, year=year)
        before = row.realized if row.pk else None
        row.realized = realized
        row.full_clean(validate_unique=False)
        row.save()
        details = {"year": year, "realized": realized, "before": before}
        audit_log(actor=user, action="realized.count_set", target=row, details=details)
        record_event(
            kind="realized.count_set",
            subject=row,
            actor=user,
            territory=municipality.pk,
            payload=details,
        )
        return row
