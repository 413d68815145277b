"""The staff app's part in a resident's data export and account deletion (registered with
veche.accounts.privacy from StaffConfig.ready())."""

from veche.accounts.privacy import json_value

from .models import RoleAssignment


def roles_section(user) -> list[dict]:
    assignments = RoleAssignment.objects.filter(user=user).select_related("municipality", "agency")
    return [
        {
            "role": assignment.role,
            "role_name": str(assignment.get_role_display()),
            "municipality": assignment.municipality.name if assignment.municipality else None,
            "agency": str(assignment.agency) if assignment.agency else None,
            "since": json_value(assignment.created_at),
        }
        for assignment in assignments
    ]


def roles_hook(user) -> None:
    """A deleted account holds no role."""
    RoleAssignment.objects.filter(user=user).delete()
