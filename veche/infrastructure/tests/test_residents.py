"""Residents on objects: ratings of completed works (once per person), proposals (outside the
region and the same point and category within a year refused), their moderation and decisions,
supports of published proposals (once per person)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.infrastructure.figures import rating_summary
from veche.infrastructure.models import Proposal, Rating, Status
from veche.infrastructure.models.residents import ProposalStatus
from veche.infrastructure.services.residents import (
    facility_rate,
    proposal_decide,
    proposal_publish,
    proposal_reject,
    proposal_submit,
    proposal_support,
    proposal_support_withdraw,
)
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RoleAssignmentFactory

from .factories import FacilityFactory


def completed(world, **kwargs):
    return FacilityFactory(
        municipality=world.surgut, status=Status.COMPLETED, progress=100, **kwargs
    )


def test_a_rating_twice_by_one_person_counts_once(world):
    facility = completed(world)
    other = UserFactory()
    facility_rate(user=world.resident, facility=facility, score=2)
    facility_rate(user=world.resident, facility=facility, score=5)
    facility_rate(user=other, facility=facility, score=4)
    assert Rating.objects.filter(facility=facility).count() == 2
    summary = rating_summary(facility)
    assert summary["count"] == 2
    assert summary["average"] == pytest.approx(4.5)  # (5 + 4) / 2: the first 2 was replaced
    assert Event.objects.filter(kind="infrastructure.facility_rated").count() == 3


def test_the_database_keeps_one_rating_per_person(world):
    facility = completed(world)
    Rating.objects.create(facility=facility, user=world.resident, score=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(facility=facility, user=world.resident, score=4)


def test_the_database_keeps_scores_from_1_to_5(world):
    facility = completed(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(facility=facility, user=world.resident, score=6)


@pytest.mark.parametrize("status", [Status.PLANNED, Status.IN_PROGRESS, Status.SUSPENDED])
def test_works_not_completed_cannot_be_rated(world, status):
    facility = FacilityFactory(municipality=world.surgut, status=status)
    with pytest.raises(PermissionDenied, match="только завершённые работы"):
        facility_rate(user=world.resident, facility=facility, score=5)
    assert not Rating.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_1_5_is_refused(world, score):
    with pytest.raises(ValidationError):
        facility_rate(user=world.resident, facility=completed(world), score=score)
    assert not Rating.objects.exists()


def test_an_unconfirmed_resident_cannot_rate(world):
    user = UserFactory(email_confirmed_at=None)
    with pytest.raises(PermissionDenied):
        facility_rate(user=user, facility=completed(world), score=4)
    assert not Rating.objects.exists()


def propose(world, user=None, **kwargs):
    values = {
        "author": user or world.resident,
        "title": "Светофор у школы",
        "reason": "Дети переходят дорогу",
        "lat": world.surgut.centre_lat,
        "lon": world.surgut.centre_lon,
        "category": world.roads,
    }
    return proposal_submit(**{**values, **kwargs})


def test_a_proposal_is_filed_in_the_municipality_of_its_point(world):
    proposal = propose(world)
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.municipality == world.surgut
    assert Event.objects.filter(kind="infrastructure.proposal_filed").count() == 1


def test_a_proposal_outside_the_region_is_refused(world):
    with pytest.raises(ValidationError) as error:
        propose(world, lat=10.0, lon=10.0)
    assert "за пределами региона" in str(error.value)
    assert not Proposal.objects.exists()


def test_a_second_proposal_at_the_same_point_and_category_within_a_year_is_refused(world):
    propose(world)
    with pytest.raises(ValidationError) as error:
        propose(world, user=UserFactory(), lat=world.surgut.centre_lat + 0.0002)
    assert "уже предлагали" in str(error.value)
    assert Proposal.objects.count() == 1
    # Another category at that point, or the same one far away, is fine.
    propose(world, category=world.yards)
    propose(world, lat=world.surgut.centre_lat + 0.05)
    assert Proposal.objects.count() == 3


def test_the_same_point_a_year_later_is_accepted(world):
    first = propose(world)
    Proposal.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    propose(world)
    assert Proposal.objects.count() == 2


def test_a_new_category_may_be_proposed(world):
    proposal = propose(world, category=None, new_category="Велодорожки")
    assert proposal.category_name == "Велодорожки"
    with pytest.raises(ValidationError):
        propose(world, category=None, new_category="", lat=world.surgut.centre_lat + 0.1)


def test_the_database_wants_a_category_or_a_new_one(world):
    proposal = propose(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(category=None, new_category="")


def test_moderation_publishes_and_supports_count_once(world):
    proposal = propose(world)
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut).user
    urai_moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.urai).user
    with pytest.raises(PermissionDenied):
        proposal_publish(user=urai_moderator, proposal=proposal)
    supporter = UserFactory()
    with pytest.raises(PermissionDenied):  # not published yet
        proposal_support(user=supporter, proposal=proposal)
    proposal_publish(user=moderator, proposal=proposal)
    assert proposal_support(user=supporter, proposal=proposal) is True
    assert proposal_support(user=supporter, proposal=proposal) is False
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    with pytest.raises(PermissionDenied, match="ваше предложение"):
        proposal_support(user=world.resident, proposal=proposal)
    assert proposal_support_withdraw(user=supporter, proposal=proposal) is True
    proposal.refresh_from_db()
    assert proposal.support_count == 0


def test_a_decline_needs_a_reason_and_decided_stays_decided(world):
    proposal = propose(world)
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut).user
    with pytest.raises(ValidationError):
        proposal_reject(user=moderator, proposal=proposal, reason="")
    proposal_publish(user=moderator, proposal=proposal)
    with pytest.raises(PermissionDenied):
        proposal_decide(user=world.urai_admin, proposal=proposal, accept=True)
    proposal = proposal_decide(user=world.surgut_admin, proposal=proposal, accept=True)
    assert proposal.status == ProposalStatus.ACCEPTED
    with pytest.raises(ValidationError):
        proposal_decide(user=world.surgut_admin, proposal=proposal, accept=False, reason="Нет")
    assert StaffAuditLog.objects.filter(action="infrastructure.proposal_accepted").count() == 1


# Votes on objects the administration puts to the vote.


def _open_vote(world, facility, **kwargs):
    from veche.infrastructure.services.votes import facility_vote_open

    now = timezone.now()
    return facility_vote_open(
        user=world.surgut_admin,
        facility=facility,
        opens=now - datetime.timedelta(days=1),
        closes=now + datetime.timedelta(days=6),
        **kwargs,
    )


def _resident_of(municipality):
    from veche.territory.tests.factories import SettlementFactory

    return UserFactory(settlement=SettlementFactory(municipality=municipality))


def test_one_vote_per_person_within_the_period_by_residents_of_the_municipality(world):
    from veche.infrastructure.services.votes import facility_vote

    facility = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    voter = _resident_of(world.surgut)
    with pytest.raises(PermissionDenied, match="не вынесен"):
        facility_vote(user=voter, facility=facility)
    with pytest.raises(PermissionDenied):  # another territory's admin cannot open it
        from veche.infrastructure.services.votes import facility_vote_open

        facility_vote_open(
            user=world.urai_admin,
            facility=facility,
            opens=timezone.now(),
            closes=timezone.now() + datetime.timedelta(days=1),
        )
    _open_vote(world, facility)
    assert facility_vote(user=voter, facility=facility) is True
    assert facility_vote(user=voter, facility=facility) is False
    facility.refresh_from_db()
    assert facility.vote_count == 1 == facility.votes.count()
    with pytest.raises(PermissionDenied, match="жители"):
        facility_vote(user=_resident_of(world.urai), facility=facility)
    assert Event.objects.filter(kind="infrastructure.facility_voted").count() == 1


def test_a_region_wide_vote_and_a_closed_one(world):
    from veche.infrastructure.services.votes import facility_vote

    facility = FacilityFactory(municipality=world.surgut)
    _open_vote(world, facility, anyone=True)
    assert facility_vote(user=_resident_of(world.urai), facility=facility) is True
    from veche.infrastructure.models import Facility

    Facility.objects.filter(pk=facility.pk).update(
        vote_opens=timezone.now() - datetime.timedelta(days=9),
        vote_closes=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(PermissionDenied, match="закрыто"):
        facility_vote(user=_resident_of(world.surgut), facility=facility)
    facility.refresh_from_db()
    assert facility.vote_count == 1
