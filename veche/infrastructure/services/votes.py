"""Votes on objects the administration puts to the vote: a period, residents of the object's
municipality (unless the vote is region-wide), one vote per person and object through the
shared supports mechanism (a database constraint), an event per vote."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support

from ..models import Facility, FacilityVote

FACILITY_VOTES = Supportable(
    item_model=Facility,
    support_model=FacilityVote,
    item_field="facility",
    counter="vote_count",
)


def facility_vote_open(
    *,
    user,
    facility: Facility,
    opens: datetime.datetime,
    closes: datetime.datetime,
    anyone: bool = False,
) -> Facility:
    """The keeper of the object puts it to the residents' vote for a period."""
    if closes <= opens:
        raise ValidationError({"vote_closes": [_("The vote must close after it opens.")]})
    with transaction.atomic():
        locked = Facility.objects.select_for_update().get(pk=facility.pk)
        if not user.has_perm("infrastructure.put_to_vote", locked):
            raise PermissionDenied(
                _(
                    "Only the administration of the object's municipality or the regional "
                    "administration keeps this object."
                )
            )
        locked.vote_opens, locked.vote_closes, locked.vote_anyone = opens, closes, anyone
        locked.save(update_fields=["vote_opens", "vote_closes", "vote_anyone", "updated_at"])
        details = {"opens": opens.isoformat(), "closes": closes.isoformat(), "anyone": anyone}
        audit_log(actor=user, action="infrastructure.vote_open", target=locked, details=details)
        record_event(
            kind="infrastructure.vote_opened",
            subject=locked,
            actor=user,
            territory=locked.municipality_id,
            payload=details,
        )
    return locked


def _period_refusal(facility: Facility) -> str | None:
    now = timezone.now()
    if not facility.vote_opens or not facility.vote_closes:
        return _("This object is not put to the vote.")
    if now < facility.vote_opens:
        return _("The vote on this object has not opened yet.")
    if now >= facility.vote_closes:
        return _("The vote on this object is closed.")
    return None


def _refusal(user, facility: Facility) -> str:
    if refusal := _period_refusal(facility):
        return refusal
    if not user.has_perm("infrastructure.vote_facility", facility) and user.has_perm(
        "infrastructure.propose_facility"
    ):
        return _("Only residents of the object's municipality vote on it.")
    return _("Confirm your e-mail to vote.")


def facility_vote(*, user, facility: Facility) -> bool:
    """Vote for the object once; True when this vote is new (voting again changes nothing)."""
    facility = Facility.objects.get(pk=facility.pk)
    if not user.has_perm("infrastructure.vote_facility", facility):
        raise PermissionDenied(_refusal(user, facility))
    with transaction.atomic():
        count, created = give_support(FACILITY_VOTES, user=user, item=facility)
        if created:
            record_event(
                kind="infrastructure.facility_voted",
                subject=facility,
                actor=user,
                territory=facility.municipality_id,
                payload={"count": count},
            )
    return created


def facility_vote_withdraw(*, user, facility: Facility) -> bool:
    """Take one's vote back while the vote is open (`infrastructure.withdraw_vote`); True when a
    vote was taken back, False when the person had not voted (nothing changes)."""
    facility = Facility.objects.get(pk=facility.pk)
    if not user.has_perm("infrastructure.withdraw_vote", facility):
        raise PermissionDenied(_period_refusal(facility) or _("Log in to take your vote back."))
    with transaction.atomic():
        count, withdrawn = withdraw_support(FACILITY_VOTES, user=user, item=facility)
        if withdrawn:
            record_event(
                kind="infrastructure.vote_withdrawn",
                subject=facility,
                actor=user,
                territory=facility.municipality_id,
                payload={"count": count},
            )
    return withdrawn
