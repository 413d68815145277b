"""Shared steps of the discussions' services: authorize, lock, say a refusal in words."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import Draft


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock(draft: Draft) -> Draft:
    """Re-read the draft under a row lock: the state we check is the state we change."""
    return (
        Draft.objects.select_related("municipality", "agency")
        .select_for_update(of=("self",))
        .get(pk=draft.pk)
    )


def not_organizer() -> str:
    return _(
        "Only the administration of the draft's municipality, the regional administration or "
        "the head of the authority that wrote it runs this discussion."
    )
