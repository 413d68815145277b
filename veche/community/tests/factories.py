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


def registry_moderator():
    from veche.staff.models import Role, RoleAssignment
    from veche.staff.tests.factories import StaffUserFactory

    user = StaffUserFactory()
    RoleAssignment.objects.create(user=user, role=Role.MODERATOR)
    return user


def activist(
    *,
    name="Анна Петрова",
    about="",
    direction="volunteering",
    municipality=None,
    approved=True,
    user=None,
):
    from veche.community.models import Review
    from veche.community.services import activist_save
    from veche.territory.tests.factories import MunicipalityFactory

    entry = activist_save(
        user=user or UserFactory(),
        name=name,
        about=about,
        municipality=municipality or MunicipalityFactory(),
        direction=direction,
    )
    if approved:
        entry.status = Review.APPROVED
        entry.save(update_fields=["status"])
    return entry


def organization(
    *,
    name="Волонтёры Югры",
    approved=True,
    user=None,
    municipality=None,
    direction="volunteering",
    **extra,
):
    from veche.community.models import Review
    from veche.community.services import organization_register
    from veche.territory.tests.factories import MunicipalityFactory

    entry = organization_register(
        user=user or UserFactory(),
        name=name,
        kind=extra.pop("kind", "so_nko"),
        direction=direction,
        municipality=municipality or MunicipalityFactory(),
        **extra,
    )
    if approved:
        entry.status = Review.APPROVED
        entry.save(update_fields=["status"])
    return entry
