from datetime import timedelta

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory, VerifiedUserFactory
from veche.community.models import CapitalRule, Project
from veche.community.services import capital_account, issuing_account
from veche.ledger.services import post


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Скворечники для парка № {n}")
    owner = factory.SubFactory(VerifiedUserFactory)
    goal = 1000
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


def with_capital(user, amount):
    post(
        key=f"test.capital:{user.pk}:{amount}",
        kind="test",
        legs=[(issuing_account(), -amount), (capital_account(user), amount)],
    )
    return user


def capital(user) -> int:
    return capital_account(user).balance


__all__ = [
    "CapitalRule",
    "ProjectFactory",
    "UserFactory",
    "VerifiedUserFactory",
    "capital",
    "with_capital",
]
