"""paper_voter: the resident behind a paper ballot is found by phone or e-mail, or gets an
account without a password (as the contact centre makes one); only the point's operators may
ask; every call leaves an audit row; inside a ballot's transaction a refusal leaves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from veche.accounts.models import User
from veche.accounts.selectors import CALLER_DOMAIN
from veche.accounts.tests.factories import UserFactory
from veche.staff.models import StaffAuditLog
from veche.voting import services
from veche.voting.tests.factories import VotingPointMemberFactory
from veche.voting.tests.helpers import snapshot


@pytest.fixture
def operator(world, persona):
    user = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=user)
    return user


def test_an_existing_phone_gives_the_existing_account(world, operator):
    resident = UserFactory(phone="+79121234567")
    users = User.objects.count()
    found = services.paper_voter(actor=operator, point=world.point, phone="8 (912) 123-45-67")
    assert found == resident
    assert User.objects.count() == users
    entry = StaffAuditLog.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (
        operator,
        "voting.paper_voter",
        str(world.point.pk),
    )
    assert entry.details == {"user_id": resident.pk, "created": False, "by": "phone"}


def test_an_existing_email_gives_the_existing_account(world, operator):
    resident = UserFactory(email="marina@example.org")
    assert (
        services.paper_voter(actor=operator, point=world.point, email="Marina@Example.org ")
        == resident
    )


def test_a_new_phone_gets_an_account_without_a_known_password(world, operator):
    voter = services.paper_voter(
        actor=operator, point=world.point, phone="+7 912 765 43 21", first_name="Олег",
        last_name="Петров",
    )  # fmt: skip
    assert voter.phone == "+79127654321" and voter.email.endswith("@" + CALLER_DOMAIN)
    assert (voter.first_name, voter.last_name) == ("Олег", "Петров")
    assert voter.email_confirmed_at is None  # claimed later by the resident himself
    assert StaffAuditLog.objects.get().details["created"] is True
    # The next paper ballot by the same phone finds this account.
    assert services.paper_voter(actor=operator, point=world.point, phone="89127654321") == voter
    assert User.objects.filter(phone="+79127654321").count() == 1


def test_a_new_email_with_a_phone_keeps_both(world, operator):
    voter = services.paper_voter(
        actor=operator, point=world.point, email="new@example.org", phone="+79127654300"
    )
    assert (voter.email, voter.phone) == ("new@example.org", "+79127654300")
    assert services.paper_voter(actor=operator, point=world.point, phone="+79127654300") == voter


def test_phone_and_email_of_two_accounts_are_refused(world, operator):
    UserFactory(phone="+79121234567")
    UserFactory(email="other@example.org")
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.paper_voter(
            actor=operator, point=world.point, phone="+79121234567", email="other@example.org"
        )
    assert "email" in refused.value.message_dict
    assert snapshot() == before


@pytest.mark.parametrize(
    ("contact", "field"), [({}, "phone"), ({"phone": "12"}, "phone"), ({"email": "x@"}, "email")]
)
def test_no_usable_contact_is_refused_and_nothing_is_made(world, operator, contact, field):
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.paper_voter(actor=operator, point=world.point, **contact)
    assert field in refused.value.message_dict
    assert snapshot() == before


def test_a_blocked_account_cannot_vote_on_paper(world, operator):
    UserFactory(phone="+79121234567", is_active=False)
    with pytest.raises(ValidationError):
        services.paper_voter(actor=operator, point=world.point, phone="+79121234567")


@pytest.mark.parametrize("name", ["operator_surgut", "municipal_admin_surgut", "resident"])
def test_a_non_member_cannot_enter_and_nothing_is_made(world, persona, name):
    actor = persona(name)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.paper_voter(actor=actor, point=world.point, phone="+79127654321")
    assert snapshot() == before


def test_not_at_a_point_closed_meanwhile(world, operator):
    stale = world.point
    type(stale).objects.filter(pk=stale.pk).update(is_active=False)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.paper_voter(actor=operator, point=stale, phone="+79127654321")
    assert snapshot() == before


def test_a_ballot_refused_later_in_the_transaction_leaves_no_account(world, operator):
    """The module calls paper_voter inside its ballot's transaction: a refused ballot (here an
    exception after the call) rolls the new account and the audit row back."""
    before = snapshot()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.paper_voter(actor=operator, point=world.point, phone="+79127654321")
        raise RuntimeError("the ballot is refused")
    assert snapshot() == before
