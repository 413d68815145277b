"""Votes on objects the administration puts to the vote: a period, residents of the object's
municipality (unless the vote is region-wide), one vote per person and object through the
shared supports mechanism (a database constraint), an event per vote. Paper votes are entered
by a voting point's operator (veche/voting) into the same table, so one vote per person holds
across the portal and paper."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.events.services import record_event
from veche.staff.services import audit_log
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support
from veche.territory.models import Settlement
from veche.voting.models import Channel, VotingPoint
from veche.voting.services import paper_voter

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


def facility_vote_paper(
    *,
    actor,
    point: VotingPoint,
    facility: Facility,
    phone: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    settlement: Settlement | None = None,
) -> FacilityVote:
    """A voting point's operator enters a resident's paper vote for the object: within the
    vote's period, by a resident of the object's municipality (the settlement he states in
    person, else his profile's) unless the vote is region-wide, once per person whatever the
    channel. The resident is found or given an account by `voting.services.paper_voter`; all of
    it is one transaction, so a refused vote leaves no new account. Audited, with an event."""
    if not actor.has_perm("voting.enter_paper_ballot", point):
        raise PermissionDenied(_("You do not enter ballots at this voting point."))
    with transaction.atomic():
        # The object first, then the point (in paper_voter): one lock order for every entry.
        locked = Facility.objects.select_for_update().get(pk=facility.pk)
        if refusal := _period_refusal(locked):
            raise PermissionDenied(refusal)
        voter = paper_voter(
            actor=actor,
            point=point,
            phone=phone,
            email=email,
            first_name=first_name,
            last_name=last_name,
        )
        _require_paper_resident(locked, settlement or getattr(voter, "settlement", None))
        vote = _paper_vote_insert(locked, voter, point, actor)
        Facility.objects.filter(pk=locked.pk).update(vote_count=F("vote_count") + 1)
        locked.refresh_from_db(fields=["vote_count"])
        details = {"point": point.pk, "user_id": voter.pk, "count": locked.vote_count}
        audit_log(actor=actor, action="infrastructure.paper_vote", target=locked, details=details)
        record_event(
            kind="infrastructure.facility_voted",
            subject=locked,
            actor=actor,
            territory=locked.municipality_id,
            payload={"count": locked.vote_count, "channel": Channel.PAPER, "point": point.pk},
        )
    return vote


def _require_paper_resident(facility: Facility, settlement: Settlement | None) -> None:
    if facility.vote_anyone:
        return
    if settlement is None or settlement.municipality_id != facility.municipality_id:
        raise ValidationError(
            {"settlement": [_("Only residents of the object's municipality vote on it.")]},
            code="not_resident",
        )


def _paper_vote_insert(facility: Facility, voter, point: VotingPoint, actor) -> FacilityVote:
    """The vote row; the one-vote constraint refuses a second one of the person (any channel)."""
    earlier = FacilityVote.objects.filter(facility=facility, user=voter).first()
    if earlier is None:
        try:
            with transaction.atomic():
                return FacilityVote.objects.create(
                    facility=facility,
                    user=voter,
                    channel=Channel.PAPER,
                    voting_point=point,
                    entered_by=actor,
                )
        except IntegrityError:  # a web vote of the same person committed meanwhile
            earlier = FacilityVote.objects.filter(facility=facility, user=voter).first()
    if earlier is not None and earlier.channel == Channel.PAPER:
        message = _("This resident has already voted for this object on paper.")
    else:
        message = _("This resident has already voted for this object on the portal.")
    raise ValidationError(message, code="already_voted")
