"""Shared steps of the content services: authorize on the item's territory, clean what people
typed, the event and the audit row, in the change's transaction."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from veche.core.sanitize import sanitize_html
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log

NOT_KEEPER = gettext_lazy(
    "Only the administration of this territory or the content editors it appointed keep this "
    "material."
)


def require(user, perm: str, obj, message=NOT_KEEPER) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def plain(value) -> str:
    return clean_text(value or "").strip()


def rich(value) -> str:
    """Rich text as stored: characters no channel carries removed, then the one sanitizer."""
    return sanitize_html(clean_text(value or "")).strip()


def kind_of(item) -> str:
    return item._meta.model_name


def recorded(*, actor, item, action: str, details: dict | None = None) -> None:
    """The event (`content.<kind>_<action>`) and the staff audit row of an editor's change."""
    name = f"content.{kind_of(item)}_{action}"
    record_event(
        kind=name,
        subject=item,
        actor=actor,
        territory=item.municipality_id,
        payload={"status": item.status, **(details or {})},
    )
    audit_log(actor=actor, action=name, target=item, details=details or {})
