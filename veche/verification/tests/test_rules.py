"""Named permissions of verification, as a matrix of who may and may not."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from veche.accounts.tests.factories import (
    StaffUserFactory,
    UnconfirmedUserFactory,
    UserFactory,
    VerifiedUserFactory,
)
from veche.agencies.tests.factories import AgencyFactory
from veche.staff.models import Role, RoleAssignment

from .factories import DocumentVerificationFactory, moderator, regional_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make_user", "allowed"),
    [
        (lambda: AnonymousUser(), False),
        (UnconfirmedUserFactory, False),
        (UserFactory, True),
        (VerifiedUserFactory, False),
        (lambda: UserFactory(deleted_at=timezone.now()), False),
        (lambda: UserFactory(is_active=False), False),
    ],
)
def test_start_verification(make_user, allowed):
    assert make_user().has_perm("verification.start_verification") is allowed


def _official_of_urai(urai):
    user = StaffUserFactory()
    RoleAssignment.objects.create(
        user=user, role=Role.OFFICIAL, municipality=urai, agency=AgencyFactory()
    )
    return user


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("resident", False),
        ("official of Urai", False),
        ("moderator of Surgut", False),
        ("moderator of Urai", True),
        ("region-wide moderator", True),
        ("regional admin", True),
    ],
)
@pytest.mark.parametrize(
    "permission",
    [
        "verification.decide_verification",
        "verification.revoke_verification",
        "verification.view_verification_document",
    ],
)
def test_deciding_a_resident_of_urai(who, allowed, permission, surgut, urai, resident_of_urai):
    user = {
        "anonymous": AnonymousUser,
        "resident": UserFactory,
        "official of Urai": lambda: _official_of_urai(urai),
        "moderator of Surgut": lambda: moderator(municipality=surgut),
        "moderator of Urai": lambda: moderator(municipality=urai),
        "region-wide moderator": moderator,
        "regional admin": regional_admin,
    }[who]()
    verification = DocumentVerificationFactory(user=resident_of_urai)
    assert user.has_perm(permission, verification) is allowed


def test_resident_without_settlement_is_decided_only_region_wide(surgut):
    verification = DocumentVerificationFactory(user=UserFactory(settlement=None))
    assert not moderator(municipality=surgut).has_perm(
        "verification.decide_verification", verification
    )
    assert moderator().has_perm("verification.decide_verification", verification)


def test_nobody_decides_his_own_verification(urai, resident_of_urai):
    own = moderator(municipality=urai)
    own.settlement = resident_of_urai.settlement
    own.save()
    verification = DocumentVerificationFactory(user=own)
    assert not own.has_perm("verification.decide_verification", verification)


@pytest.mark.parametrize(
    ("make_user", "allowed"),
    [
        (UserFactory, False),
        (lambda: moderator(), True),
        (regional_admin, True),
    ],
)
def test_view_queue(make_user, allowed):
    assert make_user().has_perm("verification.view_verification") is allowed
