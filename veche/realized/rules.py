"""Named permissions of the realized projects' registry (docs/realized.md, "Permissions").

The registry is public. A project is kept by the administration of its municipality (a
municipal admin there) or by a regional admin: an admin of Surgut never edits Urai's project.
An import and the completeness table are for any of them; an import's rows outside the
importer's municipalities are refused row by row.
"""

import rules

from veche.staff.models import Role
from veche.staff.predicates import (
    is_municipal_admin,
    is_municipal_admin_of,
    is_regional_admin,
    municipality_scope,
)

from .models import Project

# A winning application's status as the winner rule (issue 13, point 4) sets it.
WINNER_STATUSES = frozenset({"winner"})


def municipality_of(obj):
    return obj.municipality if isinstance(obj, Project) else obj


@rules.predicate
def keeps_project(user, obj) -> bool:
    """A regional admin; the municipal admin of the project's (or this) municipality."""
    if obj is None:
        return False
    return bool(is_regional_admin(user) or is_municipal_admin_of(user, municipality_of(obj)))


@rules.predicate
def is_winner(user, application) -> bool:
    return application is not None and application.status in WINNER_STATUSES


@rules.predicate
def in_implementation(user, project) -> bool:
    return isinstance(project, Project) and project.status == "in_implementation"


def kept_municipalities(user) -> set[int] | None:
    """The municipalities whose projects the user keeps; None for the whole region."""
    if is_regional_admin(user):
        return None
    return municipality_scope(user, Role.MUNICIPAL_ADMIN) or set()


keeps_registry = is_regional_admin | is_municipal_admin

rules.add_perm("realized.change_project", keeps_project)
rules.add_perm("realized.report_progress", keeps_project & in_implementation)
rules.add_perm("realized.import_projects", keeps_registry)
rules.add_perm("realized.view_completeness", keeps_registry)
rules.add_perm("realized.set_realized_count", keeps_project)
