"""accounts.participate: who may report, vote and comment."""

import pytest
from django.contrib.auth.models import AnonymousUser

from veche.accounts.tests.factories import (
    StaffUserFactory,
    UnconfirmedUserFactory,
    UserFactory,
    VerifiedUserFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "allowed"),
    [
        (lambda: AnonymousUser(), False),
        (lambda: UnconfirmedUserFactory(), False),
        (lambda: UserFactory(), True),
        (lambda: VerifiedUserFactory(), True),
        (lambda: UserFactory(is_active=False), False),
        (lambda: StaffUserFactory(), True),
    ],
    ids=["guest", "unconfirmed", "resident", "verified", "inactive", "staff"],
)
def test_participate(make, allowed):
    assert make().has_perm("accounts.participate") is allowed


@pytest.mark.django_db
def test_manage_own_account():
    assert UnconfirmedUserFactory().has_perm("accounts.manage_own_account") is True
    assert AnonymousUser().has_perm("accounts.manage_own_account") is False
