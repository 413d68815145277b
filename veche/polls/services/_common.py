"""Shared steps of the poll services: authorize, lock, refuse changes a poll's ballots forbid."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Poll


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock(poll: Poll) -> Poll:
    """Re-read the poll under a row lock: the state we check is the state we change."""
    return (
        Poll.objects.select_related("municipality").select_for_update(of=("self",)).get(pk=poll.pk)
    )


def not_organizer() -> str:
    return _(
        "Only the administration of the poll's municipality or the regional administration "
        "runs it; a poll for the whole region, only the regional administration."
    )


def require_no_ballots(poll: Poll) -> None:
    """Questions are frozen once someone voted: changing them would change what he answered."""
    if poll.ballot_count:
        raise ValidationError(
            _(
                "People have already voted in this poll: its questions and options can no "
                "longer change."
            ),
            code="has_ballots",
        )
