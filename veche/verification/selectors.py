"""Reads of verifications for pages and the API."""

from django.db.models import QuerySet

from veche.staff.models import Role
from veche.staff.predicates import is_regional_admin, municipality_scope

from .models import Verification


def verifications_of(user) -> QuerySet[Verification]:
    """The user's own verification history, newest first."""
    return Verification.objects.filter(user=user).select_related("decided_by")


def pending_documents_for(moderator) -> QuerySet[Verification]:
    """Pending document checks of residents in the moderator's territory, oldest first."""
    pending = (
        Verification.objects.filter(
            method=Verification.Method.DOCUMENT, status=Verification.Status.PENDING
        )
        .exclude(user=moderator)
        .select_related("user__settlement__municipality")
        .order_by("created_at", "id")
    )
    if is_regional_admin(moderator):
        return pending
    scope = municipality_scope(moderator, Role.MODERATOR)
    if scope is None:
        return pending
    return pending.filter(user__settlement__municipality_id__in=scope)


def history_of_resident(verification: Verification) -> QuerySet[Verification]:
    """Every verification of the same resident, for the moderator's detail page."""
    return Verification.objects.filter(user_id=verification.user_id).select_related(
        "decided_by", "revoked_by"
    )
