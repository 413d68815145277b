"""Paper ballots: a staff member of a voting point (veche/voting) enters the ballot a resident
filled in on paper at an exhibition, a meeting or an МФЦ office.

The resident is found by phone or e-mail, or gets an account without a password he may claim
later (`voting.services.paper_voter`); the staff member states what he established in person
(`PaperIdentity`: the settlement, an identity document seen). Then the same `ballot_cast` as on
the web runs, so one ballot per person holds across both channels, and the point's count goes
up. All of it is one transaction: a refused ballot leaves no new account behind. The entry is a
staff action in the audit log (`polls.ballot_enter`, written by `ballot_cast`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from veche.voting.models import VotingPoint
from veche.voting.services import paper_voter

from ..models import Ballot, Channel, PointCount, Poll
from ._common import lock
from .ballots import Demographics, PaperIdentity, Response, ballot_cast


def paper_ballot_enter(
    *,
    actor,
    point: VotingPoint,
    poll: Poll,
    phone: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    identity: PaperIdentity,
    answers: dict[int, Response],
    demographics: Demographics | None = None,
) -> Ballot:
    if not actor.has_perm("voting.enter_paper_ballot", point):
        raise PermissionDenied(_("You do not enter ballots at this voting point."))
    # One transaction (a savepoint inside a caller's, e.g. the demo's): a refused ballot takes
    # the new account with it.
    with transaction.atomic():
        # The poll's row first, as a web ballot takes it: both channels then lock in one order
        # (poll, then the point in paper_voter), so they queue instead of deadlocking.
        lock(poll)
        voter = paper_voter(
            actor=actor,
            point=point,
            phone=phone,
            email=email,
            first_name=first_name,
            last_name=last_name,
        )
        ballot = ballot_cast(
            voter=voter,
            poll=poll,
            answers=answers,
            demographics=demographics,
            channel=Channel.PAPER,
            voting_point=point.pk,
            actor=actor,
            identity=identity,
        )
        # The row may be new: get_or_create settles a race on the unique constraint.
        PointCount.objects.get_or_create(poll=poll, voting_point=point)
        PointCount.objects.filter(poll=poll, voting_point=point).update(count=F("count") + 1)
    return ballot
