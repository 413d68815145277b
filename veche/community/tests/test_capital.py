"""Virtual capital: issued by the rules once, given to a project toward its goal, refused with a
message (and nothing written) when the amount, the balance, the project or the giver is wrong,
returned to every backer when a project expires below its goal or is rejected."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from veche.community.models import CapitalRule, Gift, ProjectStatus
from veche.community.services import (
    capital_give,
    capital_issue,
    project_account,
    project_reject,
    projects_close_expired,
)
from veche.ledger.models import Transaction
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RegionWideRoleFactory

from .factories import ProjectFactory, UserFactory, VerifiedUserFactory, capital, with_capital

pytestmark = pytest.mark.django_db


def test_verified_residents_get_the_verification_grant_once():
    CapitalRule.objects.create(kind="verification", label="За подтверждение", amount=500)
    anna, guest = VerifiedUserFactory(), UserFactory()
    assert capital_issue() == 1
    assert capital_issue() == 0
    assert (capital(anna), capital(guest)) == (500, 0)


def test_a_seasonal_grant_comes_on_its_date():
    CapitalRule.objects.create(
        kind="seasonal", label="Весенний грант", amount=300, grant_on=date(2027, 3, 1)
    )
    anna = VerifiedUserFactory()
    capital_issue(today=date(2027, 2, 28))
    assert capital(anna) == 0
    capital_issue(today=date(2027, 3, 1))
    capital_issue(today=date(2027, 3, 2))
    assert capital(anna) == 300


def test_giving_moves_capital_to_the_project():
    anna, project = with_capital(VerifiedUserFactory(), 500), ProjectFactory(goal=1000)
    capital_give(user=anna, project=project, amount=100)
    capital_give(user=anna, project=project, amount=73)  # any whole amount
    project.refresh_from_db()
    assert (capital(anna), project.collected, project.backers) == (327, 173, 1)
    assert project_account(project).balance == 173


def test_the_goal_closes_the_project():
    project = ProjectFactory(goal=200)
    capital_give(user=with_capital(VerifiedUserFactory(), 500), project=project, amount=200)
    project.refresh_from_db()
    assert project.status == ProjectStatus.COLLECTED
    with pytest.raises(ValidationError):
        capital_give(user=with_capital(VerifiedUserFactory(), 500), project=project, amount=50)


@pytest.mark.parametrize(
    "case",
    [
        "zero",
        "negative",
        "fraction",
        "text",
        "over-balance",
        "over-goal",
        "closed",
        "expired",
        "frozen",
        "own",
        "unverified",
    ],
)
def test_a_refused_gift_writes_nothing(case):
    giver = with_capital((UserFactory if case == "unverified" else VerifiedUserFactory)(), 300)
    project = ProjectFactory(goal=400 if case == "over-goal" else 1000)
    amount = {
        "zero": 0,
        "negative": -50,
        "fraction": 2.5,
        "text": "100",
        "over-balance": 500,
        "over-goal": 401,
    }.get(case, 100)
    if case == "closed":
        project.status = ProjectStatus.RETURNED
    if case == "expired":
        project.deadline = timezone.localdate() - timedelta(days=1)
    if case == "frozen":
        project.status = ProjectStatus.FROZEN
    if case == "own":
        project.owner = giver
    project.save()
    before = (capital(giver), Gift.objects.count(), Transaction.objects.count())
    with pytest.raises((ValidationError, PermissionDenied)) as refusal:
        capital_give(user=giver, project=project, amount=amount)
    assert str(refusal.value)
    project.refresh_from_db()
    assert (capital(giver), Gift.objects.count(), Transaction.objects.count()) == before
    assert project.collected == 0


def test_a_project_that_expires_below_its_goal_returns_every_gift():
    anna, boris = with_capital(VerifiedUserFactory(), 300), with_capital(VerifiedUserFactory(), 300)
    project = ProjectFactory(goal=1000)
    capital_give(user=anna, project=project, amount=100)
    capital_give(user=boris, project=project, amount=200)
    assert projects_close_expired(today=project.deadline) == 0
    assert projects_close_expired(today=project.deadline + timedelta(days=1)) == 1
    project.refresh_from_db()
    assert (capital(anna), capital(boris), project.status) == (300, 300, "returned")
    assert project_account(project).balance == 0
    assert Transaction.objects.filter(kind="capital.return").count() == 2


def test_a_rejected_project_returns_every_gift_and_is_audited():
    anna = with_capital(VerifiedUserFactory(), 300)
    project = ProjectFactory()
    capital_give(user=anna, project=project, amount=200)
    moderator = RegionWideRoleFactory(role=Role.MODERATOR).user
    project_reject(moderator=moderator, project=project, reason="Не общественный проект")
    assert capital(anna) == 300
    assert StaffAuditLog.objects.filter(action="community.project_reject").count() == 1
    with pytest.raises(PermissionDenied):
        project_reject(moderator=anna, project=ProjectFactory())


def test_the_periodic_command(capsys):
    CapitalRule.objects.create(kind="verification", label="За подтверждение", amount=500)
    VerifiedUserFactory()
    call_command("capital_run")
    assert "1 grant(s) issued, 0 expired project(s) returned." in capsys.readouterr().out
