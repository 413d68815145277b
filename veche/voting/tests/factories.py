"""Factories for voting points. Other apps (polls, budgeting, object votes) import these."""

import factory

from veche.territory.tests.factories import MunicipalityFactory
from veche.voting.models import VotingPoint, VotingPointMember


class VotingPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VotingPoint

    title = factory.Sequence(lambda n: f"Выставка № {n}")
    address = factory.Sequence(lambda n: f"ул. Ленина, {n + 1}")
    municipality = factory.SubFactory(MunicipalityFactory)
    is_active = True


class VotingPointMemberFactory(factory.django.DjangoModelFactory):
    """A member row as it is stored; give `user` the operator role yourself (the service
    checks it, the row does not)."""

    class Meta:
        model = VotingPointMember

    point = factory.SubFactory(VotingPointFactory)
    user = factory.SubFactory("veche.accounts.tests.factories.StaffUserFactory")
