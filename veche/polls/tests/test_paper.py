"""Paper ballots entered by a voting point's operator (services/paper.py): the resident found or
made by phone or e-mail, one ballot per person across the web and paper, what the operator
established in person standing for the account's state, the point's count, the audit log, and
nothing half-written — not even the new account — when the ballot is refused."""

from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.models import User
from veche.polls.models import Ballot, Eligibility, PointCount, Poll
from veche.polls.services import ballot_cast
from veche.polls.services.ballots import PaperIdentity
from veche.polls.services.paper import paper_ballot_enter
from veche.polls.tests import test_services_ballots as ballots
from veche.polls.tests.conftest import _staff
from veche.staff.models import Role, StaffAuditLog
from veche.territory.models import Settlement
from veche.territory.tests.factories import SettlementFactory
from veche.testing.concurrency import at_once
from veche.voting.tests.factories import VotingPointFactory, VotingPointMemberFactory

pytestmark = pytest.mark.django_db

poll = ballots.poll  # the fixture: a Surgut poll of three questions
ballot_for, snapshot = ballots.ballot_for, ballots.snapshot


@pytest.fixture
def desk(world):
    """A voting point in Surgut and its operator."""
    point = VotingPointFactory(municipality=world.surgut, title="Выставка «Югра»")
    operator = _staff(Role.OPERATOR, municipality=world.surgut)
    VotingPointMemberFactory(point=point, user=operator)
    return point, operator


def _enter(desk, poll, *, identity=None, **contact):
    point, operator = desk
    contact.setdefault("first_name", "Пётр")
    return paper_ballot_enter(
        actor=operator,
        point=point,
        poll=poll,
        identity=identity or PaperIdentity(),
        answers=ballot_for(poll),
        **contact,
    )


def test_a_new_voter_gets_an_account_and_his_ballot_counts_at_the_point(world, poll, desk):
    ballot = _enter(desk, poll, phone="+79825550101")
    voter = User.objects.get(phone="+79825550101")
    assert (ballot.voter, ballot.channel, ballot.voting_point) == (voter, "paper", desk[0])
    assert voter.email_confirmed_at is None  # an account he may claim later (veche/voting)
    poll = Poll.objects.get(pk=poll.pk)
    assert (poll.ballot_count, poll.paper_ballot_count) == (1, 1)
    assert PointCount.objects.get(poll=poll, voting_point=desk[0]).count == 1
    assert StaffAuditLog.objects.filter(action="polls.ballot_enter", actor=desk[1]).count() == 1


def test_the_same_person_on_paper_twice_is_refused_and_nothing_changes(world, poll, desk):
    _enter(desk, poll, phone="+79825550101")
    before = snapshot(poll), User.objects.count(), PointCount.objects.get().count
    with pytest.raises(ValidationError, match="уже голосовали|already voted"):
        _enter(desk, poll, phone="+79825550101")
    assert (snapshot(poll), User.objects.count(), PointCount.objects.get().count) == before


def test_a_web_voter_cannot_vote_again_on_paper(world, poll, desk):
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    with pytest.raises(ValidationError):
        _enter(desk, poll, email=world.surgut_resident.email)
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert not PointCount.objects.exists()


def test_someone_who_is_not_at_the_point_cannot_enter_ballots(world, poll, desk):
    elsewhere = _staff(Role.OPERATOR, municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        paper_ballot_enter(
            actor=elsewhere,
            point=desk[0],
            poll=poll,
            phone="+79825550101",
            identity=PaperIdentity(),
            answers=ballot_for(poll),
        )
    assert not Ballot.objects.exists() and not User.objects.filter(phone="+79825550101").exists()


def test_a_residents_only_poll_takes_the_settlement_the_voter_states(world, poll, desk):
    Poll.objects.filter(pk=poll.pk).update(eligibility=Eligibility.RESIDENTS)
    poll = Poll.objects.get(pk=poll.pk)
    in_urai = SettlementFactory(municipality=world.urai, kind=Settlement.Kind.CITY)
    with pytest.raises(PermissionDenied, match="Сургут"):
        _enter(desk, poll, phone="+79825550101", identity=PaperIdentity(settlement=in_urai))
    # The refused ballot took its new account with it.
    assert not User.objects.filter(phone="+79825550101").exists()
    in_surgut = world.surgut_resident.settlement
    ballot = _enter(desk, poll, phone="+79825550101", identity=PaperIdentity(settlement=in_surgut))
    assert ballot.municipality == world.surgut  # the snapshot follows the stated settlement


def test_a_verified_only_poll_needs_a_document_seen_by_the_operator(world, poll, desk):
    Poll.objects.filter(pk=poll.pk).update(eligibility=Eligibility.VERIFIED)
    poll = Poll.objects.get(pk=poll.pk)
    with pytest.raises(PermissionDenied):
        _enter(desk, poll, phone="+79825550101")
    ballot = _enter(desk, poll, phone="+79825550101", identity=PaperIdentity(document_seen=True))
    assert ballot.channel == "paper"


def _sheet(poll, point, **voter):
    single, multiple, _scale = ballots._questions(poll)
    return {
        "point": point.pk,
        "first_name": "Пётр",
        f"question_{single.pk}": ballots.option(single, "Парк Победы").pk,
        f"question_{multiple.pk}": [ballots.option(multiple, "Фонари").pk],
        **voter,
    }


def test_the_operator_enters_a_sheet_on_the_page(client, world, poll, desk):
    point, operator = desk
    client.force_login(operator)
    url = f"/polls/{poll.pk}/paper/"
    assert client.get(url).status_code == 200
    response = client.post(url, _sheet(poll, point, phone="+79825550101"))
    assert response.status_code == 302
    assert Ballot.objects.get().channel == "paper"
    page = client.get(f"/polls/{poll.pk}/")
    assert "Ввести бумажный бюллетень" in page.content.decode()


def test_the_page_says_why_a_sheet_is_refused_and_keeps_nothing(client, world, poll, desk):
    point, operator = desk
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    client.force_login(operator)
    response = client.post(
        f"/polls/{poll.pk}/paper/", _sheet(poll, point, email=world.surgut_resident.email)
    )
    assert response.status_code == 400
    assert "уже голосовали" in response.content.decode()
    missing = client.post(f"/polls/{poll.pk}/paper/", _sheet(poll, point))
    assert (
        missing.status_code == 400
        and "Укажите телефон или электронную почту" in missing.content.decode()
    )
    assert Ballot.objects.count() == 1


def test_a_resident_cannot_open_the_paper_page(client, world, poll):
    client.force_login(world.surgut_resident)
    assert client.get(f"/polls/{poll.pk}/paper/").status_code == 403


def test_the_results_show_each_channel_and_each_points_count(client, world, poll, desk):
    ballot_cast(voter=world.surgut_resident, poll=poll, answers=ballot_for(poll))
    _enter(desk, poll, phone="+79825550101")
    _enter(desk, poll, phone="+79825550102")
    client.force_login(world.mayor_office)
    page = client.get(f"/polls/{poll.pk}/results/").content.decode()
    assert '<dt class="sub">Выставка «Югра»</dt><dd>2</dd>' in page
    assert "<dd>1</dd>" in page  # on the portal


@pytest.mark.django_db(transaction=True)
def test_the_same_person_on_the_web_and_on_paper_at_once_counts_once():
    """A resident votes on the portal while an operator enters his paper ballot: whichever
    commits first counts, the other is told he has voted, and the counters agree."""

    from veche.polls import selectors
    from veche.polls.tests.conftest import _world

    world = _world()
    poll = ballots.park_poll(world)
    point = VotingPointFactory(municipality=world.surgut)
    operator = _staff(Role.OPERATOR, municipality=world.surgut)
    VotingPointMemberFactory(point=point, user=operator)
    voter = world.surgut_resident

    def attempt(on_paper: bool):
        fresh = Poll.objects.get(pk=poll.pk)
        if on_paper:
            paper_ballot_enter(
                actor=operator,
                point=point,
                poll=fresh,
                email=voter.email,
                identity=PaperIdentity(),
                answers=ballot_for(fresh),
            )
        else:
            ballot_cast(voter=voter, poll=fresh, answers=ballot_for(fresh))
        return on_paper

    outcome = at_once([partial(attempt, n % 2 == 0) for n in range(6)], refusals=(ValidationError,))
    counted, refused, failed = outcome.done, outcome.refused, outcome.errors
    assert failed == [] and len(counted) == 1 and len(refused) == 5
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert PointCount.objects.filter(count__gt=0).count() == int(counted[0])
    assert selectors.counter_mismatches(poll) == []
