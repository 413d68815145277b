"""Helpers for the points' tests: events as the domain apps record them, points on an account,
rewards and the rewards desk."""

import factory
from django.db import transaction

from veche.accounts.tests.factories import UserFactory
from veche.events.services import record_event
from veche.ledger.services import post
from veche.points.models import DeskMember, Reward, RewardKind
from veche.points.services import process_events
from veche.points.services._common import issuing_account, person_account
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory


def happen(kind, subject, actor=None, **payload):
    """Record an event the way a domain app's service does, in its own transaction."""
    with transaction.atomic():
        return record_event(kind=kind, subject=subject, actor=actor, payload=payload)


def process():
    """Run the points consumer until the log is read (as the periodic job does)."""
    total = 0
    while handled := process_events():
        total += handled
    return total


def balance(user) -> int:
    return person_account(user).balance


def give_points(user, amount, key=None):
    post(
        key=key or f"test.give:{user.pk}:{amount}",
        kind="test.give",
        legs=[(issuing_account(), -amount), (person_account(user), amount)],
    )


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reward

    title = factory.Sequence(lambda n: f"Кружка «Живём на Севере» № {n}")
    kind = RewardKind.SOUVENIR
    price = 50
    stock = 5


def desk_operator():
    """An operator who is a member of the rewards desk."""
    assignment = RegionWideRoleFactory(role=Role.OPERATOR)
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    DeskMember.objects.create(user=assignment.user, added_by=admin)
    return assignment.user


__all__ = ["UserFactory", "balance", "desk_operator", "give_points", "happen", "process"]
