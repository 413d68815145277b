"""Named permissions of the children's activities catalogue (docs/activities.md).

The catalogue is public. Its rows are kept by the regional admins and, for their municipalities,
by the municipal admins: an import's rows of another municipality are refused row by row."""

import rules

from veche.staff.models import Role
from veche.staff.predicates import is_municipal_admin, is_regional_admin, municipality_scope


def kept_municipalities(user) -> set[int] | None:
    """The municipalities whose catalogue the user keeps; None for the whole region."""
    if is_regional_admin(user):
        return None
    return municipality_scope(user, Role.MUNICIPAL_ADMIN) or set()


keeps_catalogue = is_regional_admin | is_municipal_admin

rules.add_perm("activities.import_catalogue", keeps_catalogue)
