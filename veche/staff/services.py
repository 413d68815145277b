"""Writes of the staff app: granting and revoking roles, and the audit log every app writes to."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from veche.accounts.predicates import is_active_user
from veche.agencies.models import Agency
from veche.territory.models import Municipality

from .models import Role, RoleAssignment, StaffAuditLog
from .predicates import forget_roles, may_grant

ROLE_ASSIGN = "staff.role_assign"
ROLE_REVOKE = "staff.role_revoke"


class _Server:
    """Whoever runs a management command on the server (like `createsuperuser`): may grant any
    role, and the audit log says the server did it."""

    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return "server"


SERVER = _Server()


def audit_log(
    *, actor, action: str, target: models.Model | None, details: dict[str, Any] | None = None
) -> StaffAuditLog:
    """Record one staff action. Call it inside the transaction of the change it describes."""
    entry = StaffAuditLog(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        details=details or {},
    )
    entry.full_clean()
    entry.save()
    return entry


def _scope_details(assignment: RoleAssignment) -> dict[str, Any]:
    return {
        "user_id": assignment.user_id,
        "user_email": assignment.user.email,
        "role": assignment.role,
        "municipality_id": assignment.municipality_id,
        "agency_id": assignment.agency_id,
    }


def role_assign(
    *,
    actor,
    user,
    role: str,
    municipality: Municipality | None = None,
    agency: Agency | None = None,
) -> RoleAssignment:
    """Give `user` the role in this scope, if the actor may grant it there; write an audit row.

    `actor=SERVER` is a management command run on the server: no permission is asked."""
    if actor is not SERVER and not may_grant(actor, role, municipality=municipality, agency=agency):
        raise PermissionDenied(_("You may not assign this role in this scope."))
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if not is_active_user(user):
        raise ValidationError(_("A blocked or deleted account cannot receive a role."))
    with transaction.atomic():
        assignment = RoleAssignment(user=user, role=role, municipality=municipality, agency=agency)
        assignment.full_clean()
        assignment.save()
        details = _scope_details(assignment) | ({"by": "server"} if actor is SERVER else {})
        audit_log(actor=actor, action=ROLE_ASSIGN, target=assignment, details=details)
    forget_roles(user)
    return assignment


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    """Take the role away, if the actor may grant it in that scope; write an audit row.

    Nobody revokes his own role, so no admin locks himself out by mistake.
    """
    if assignment.user_id == getattr(actor, "pk", None):
        raise PermissionDenied(_("You cannot revoke your own role."))
    if not may_grant(
        actor, assignment.role, municipality=assignment.municipality, agency=assignment.agency
    ):
        raise PermissionDenied(_("You may not revoke this role."))
    with transaction.atomic():
        locked = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if locked is None:
            return  # already revoked by someone else: the outcome is the one asked for
        # The row is described before it goes, while it still has its id.
        audit_log(
            actor=actor, action=ROLE_REVOKE, target=locked, details=_scope_details(assignment)
        )
        locked.delete()
    forget_roles(assignment.user)
