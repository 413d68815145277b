"""Paper votes on objects through the voting points (veche/voting): an operator enters a
resident's paper vote; one vote per person across the portal and paper, within the period, by
residents of the object's municipality; audited and told."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from veche.accounts.models import User
from veche.events.models import Event
from veche.infrastructure.models import Facility, FacilityVote, Status
from veche.infrastructure.selectors import vote_channels
from veche.infrastructure.services.votes import facility_vote, facility_vote_paper
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.territory.tests.factories import SettlementFactory
from veche.voting.models import Channel
from veche.voting.tests.factories import VotingPointFactory, VotingPointMemberFactory

from .factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(world):
    """An object of Surgut put to the vote, a voting point in Surgut and its operator."""
    now = timezone.now()
    facility = FacilityFactory(
        municipality=world.surgut,
        status=Status.PLANNED,
        vote_opens=now - datetime.timedelta(days=1),
        vote_closes=now + datetime.timedelta(days=6),
    )
    point = VotingPointFactory(municipality=world.surgut, title="МФЦ Сургута")
    operator = RoleAssignmentFactory(role=Role.OPERATOR, municipality=world.surgut).user
    VotingPointMemberFactory(point=point, user=operator)
    return facility, point, operator, SettlementFactory(municipality=world.surgut)


def _snapshot():
    return (
        FacilityVote.objects.count(),
        list(Facility.objects.values_list("vote_count", flat=True)),
        User.objects.count(),
        StaffAuditLog.objects.count(),
        Event.objects.count(),
    )


def test_an_operator_enters_a_paper_vote_counted_with_the_web_ones(world, paper):
    facility, point, operator, settlement = paper
    web_voter = world.resident
    web_voter.settlement = settlement
    web_voter.save()
    assert facility_vote(user=web_voter, facility=facility) is True

    vote = facility_vote_paper(
        actor=operator,
        point=point,
        facility=facility,
        phone="+7 912 000-11-22",
        first_name="Иван",
        settlement=settlement,
    )

    assert (vote.channel, vote.voting_point, vote.entered_by) == (Channel.PAPER, point, operator)
    assert vote.user.phone == "+79120001122"  # a new account the resident may claim later
    facility.refresh_from_db()
    assert facility.vote_count == 2
    assert vote_channels(facility) == {"web": 1, "paper": 1}
    audit = StaffAuditLog.objects.get(action="infrastructure.paper_vote")
    assert audit.actor == operator and audit.details["point"] == point.pk
    event = Event.objects.filter(kind="infrastructure.facility_voted").latest("pk")
    assert event.payload["channel"] == "paper" and event.payload["count"] == 2


def test_a_paper_vote_after_a_web_vote_by_the_same_person_is_refused(world, paper):
    facility, point, operator, settlement = paper
    voter = world.resident
    voter.settlement = settlement
    voter.phone = "+79120001122"
    voter.save()
    facility_vote(user=voter, facility=facility)
    before = _snapshot()

    with pytest.raises(ValidationError, match="уже голосовал за этот объект на портале"):
        facility_vote_paper(actor=operator, point=point, facility=facility, phone="89120001122")

    assert _snapshot() == before


def test_a_second_paper_vote_is_refused_and_leaves_no_account(world, paper):
    facility, point, operator, settlement = paper
    facility_vote_paper(
        actor=operator, point=point, facility=facility, email="a@example.org", settlement=settlement
    )
    before = _snapshot()
    with pytest.raises(ValidationError, match="на бумаге"):
        facility_vote_paper(
            actor=operator,
            point=point,
            facility=facility,
            email="A@example.org",
            settlement=settlement,
        )
    assert _snapshot() == before


def test_the_database_keeps_one_vote_per_person_across_channels(world, paper):
    from django.db import IntegrityError, transaction

    facility, point, operator, _settlement = paper
    FacilityVote.objects.create(facility=facility, user=world.resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityVote.objects.create(
            facility=facility, user=world.resident, channel=Channel.PAPER, voting_point=point
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # paper always names its point
        FacilityVote.objects.create(
            facility=facility, user=operator, channel=Channel.PAPER, voting_point=None
        )


def test_a_resident_of_another_municipality_is_refused_unless_the_vote_is_region_wide(world, paper):
    facility, point, operator, _settlement = paper
    elsewhere = SettlementFactory(municipality=world.urai)
    before = _snapshot()
    with pytest.raises(ValidationError, match="жители"):
        facility_vote_paper(
            actor=operator,
            point=point,
            facility=facility,
            phone="+79120001133",
            settlement=elsewhere,
        )
    with pytest.raises(ValidationError, match="жители"):  # no settlement stated, none known
        facility_vote_paper(actor=operator, point=point, facility=facility, phone="+79120001133")
    assert _snapshot() == before
    Facility.objects.filter(pk=facility.pk).update(vote_anyone=True)
    facility_vote_paper(
        actor=operator, point=point, facility=facility, phone="+79120001133", settlement=elsewhere
    )
    assert facility.votes.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (None, None, "не вынесен"),
        (1, 5, "не началось"),
        (-5, -1, "закрыто"),
    ],
)
def test_a_paper_vote_outside_the_period_is_refused(world, paper, opens, closes, message):
    facility, point, operator, settlement = paper
    now = timezone.now()
    Facility.objects.filter(pk=facility.pk).update(
        vote_opens=opens and now + datetime.timedelta(days=opens),
        vote_closes=closes and now + datetime.timedelta(days=closes),
    )
    before = _snapshot()
    with pytest.raises(PermissionDenied, match=message):
        facility_vote_paper(
            actor=operator,
            point=point,
            facility=facility,
            phone="+79120001144",
            settlement=settlement,
        )
    assert _snapshot() == before


def test_only_the_points_operators_enter_paper_votes(world, paper):
    facility, point, operator, settlement = paper
    not_member = RoleAssignmentFactory(role=Role.OPERATOR, municipality=world.surgut).user
    before = _snapshot()
    for actor in (not_member, world.surgut_admin, world.resident):
        with pytest.raises(PermissionDenied):
            facility_vote_paper(
                actor=actor,
                point=point,
                facility=facility,
                phone="+79120001155",
                settlement=settlement,
            )
    point.is_active = False
    point.save()
    with pytest.raises(PermissionDenied):
        facility_vote_paper(
            actor=operator,
            point=point,
            facility=facility,
            phone="+79120001155",
            settlement=settlement,
        )
    assert _snapshot() == before


def test_a_web_vote_after_a_paper_vote_changes_nothing(world, paper):
    facility, point, operator, settlement = paper
    vote = facility_vote_paper(
        actor=operator,
        point=point,
        facility=facility,
        email=world.resident.email,
        settlement=settlement,
    )
    assert vote.user == world.resident
    world.resident.settlement = settlement
    world.resident.save()
    assert facility_vote(user=world.resident, facility=facility) is False
    facility.refresh_from_db()
    assert facility.vote_count == 1


# --- Pages ---


def test_the_operator_enters_a_paper_vote_on_the_page(client, world, paper):
    facility, point, operator, settlement = paper
    client.force_login(operator)
    detail = client.get(facility.get_absolute_url())
    url = reverse("infrastructure:vote_paper", args=[facility.pk])
    assert url in detail.content.decode()
    assert client.get(url).status_code == 200
    data = {"point": point.pk, "phone": "+79120001166", "settlement": settlement.pk}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "учтён" in response.content.decode()
    again = client.post(url, data)
    assert again.status_code == 400
    assert "уже голосовал" in again.content.decode()
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "на бумаге в пунктах голосования: 1" in page


def test_the_paper_vote_page_refuses_anyone_but_an_operator(client, world, paper):
    facility, _point, _operator, _settlement = paper
    url = reverse("infrastructure:vote_paper", args=[facility.pk])
    client.force_login(world.surgut_admin)
    assert client.get(url).status_code == 403
    assert url not in client.get(facility.get_absolute_url()).content.decode()


def test_a_refused_paper_vote_shows_the_reason_on_the_form(client, world, paper):
    facility, point, operator, _settlement = paper
    client.force_login(operator)
    url = reverse("infrastructure:vote_paper", args=[facility.pk])
    response = client.post(url, {"point": point.pk})
    assert response.status_code == 400
    assert FacilityVote.objects.count() == 0
    Facility.objects.filter(pk=facility.pk).update(vote_closes=timezone.now())
    response = client.post(url, {"point": point.pk, "phone": "+79120001177"})
    assert response.status_code == 400 and "закрыто" in response.content.decode()
