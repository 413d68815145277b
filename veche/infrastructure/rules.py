"""Named permissions of the infrastructure registry (docs/infrastructure.md, "Permissions").

The registry is public. An object is kept by the administration of its municipality (a municipal
admin there) or by a regional admin: an admin of Surgut never edits an object of Urai. Imports
are for a regional admin only — a file covers the whole programme, and its rows' municipalities
are read from their geometry.
"""

import rules

from veche.staff.predicates import is_municipal_admin_of, is_regional_admin

from .models import Facility


@rules.predicate
def keeps_facility(user, facility) -> bool:
    """A regional admin; the municipal admin of the object's municipality."""
    if not isinstance(facility, Facility):
        return False
    return bool(is_regional_admin(user) or is_municipal_admin_of(user, facility.municipality))


rules.add_perm("infrastructure.change_facility", keeps_facility)
rules.add_perm("infrastructure.import_facilities", is_regional_admin)
