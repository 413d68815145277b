"""Shared steps of the registry's services: authorize, lock, the timeline row, the event, the
audit row and the notices, all in the change's transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import Project, ProjectPhoto, ProjectUpdate

NOT_KEEPER = gettext_lazy(
    "Only the administration of the project's municipality or the regional administration "
    "keeps this project."
)
MAX_TEXT = 5000


def require(user, perm: str, obj, message=NOT_KEEPER) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock(project: Project) -> Project:
    """Re-read the project under a row lock: its status and money are what we check."""
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=project.pk)
    )


def words(value: str, field: str, *, required=None, limit: int = MAX_TEXT) -> str:
    value = clean_text(value or "").strip()
    if required and not value:
        raise ValidationError({field: [str(required)]})
    if len(value) > limit:
        raise ValidationError(
            {field: [gettext_lazy("At most %(max)d characters.") % {"max": limit}]}
        )
    return value


def save_photos(project: Project, photos, *, stage: str, update=None) -> None:
    for item in photos:
        ProjectPhoto.objects.create(
            project=project, update=update, stage=stage, file=item.file, thumbnail=item.thumbnail
        )


def changed(
    project: Project,
    *,
    user,
    action: str,
    text: str = "",
    details: dict | None = None,
    notice: bool = True,
) -> ProjectUpdate | None:
    """The timeline row (for the public steps), the event `realized.project_<action>`, the staff
    audit row and the notices of one change, in its transaction."""
    from .. import tasks

    entry = None
    if action in ProjectUpdate.Kind.values:
        entry = ProjectUpdate.objects.create(project=project, kind=action, text=text, author=user)
    audit_log(actor=user, action=f"realized.project_{action}", target=project, details=details)
    record_event(
        kind=f"realized.project_{action}",
        subject=project,
        actor=user,
        territory=project.municipality_id,
        payload={"status": project.status, **(details or {})},
    )
    if notice and entry is not None and project.application_id:
        tasks.deliver_project_notices.enqueue(
            kind=action, project_id=project.pk, update_id=entry.pk
        )
    return entry
