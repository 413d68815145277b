from decimal import Decimal

import factory

from veche.realized.models import Direction, Project, Status


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Детская площадка № {n}")
    year = 2021
    direction = Direction.PLAYGROUNDS
    status = Status.IMPLEMENTED
    amount_region = Decimal("1000000.00")
    amount_municipality = Decimal("200000.00")
    amount_residents = Decimal("50000.00")
    amount_sponsors = Decimal("30000.00")


def winner_application(world, *, title="Сквер у школы", status="winner"):
    """An application of a Surgut contest, a winner (the status the winners' computation sets)."""
    from django.utils import timezone

    from veche.budgeting.models import Application
    from veche.budgeting.tests.factories import ContestFactory, add_group, add_template

    contest = ContestFactory(municipality=world.surgut, organizer=world.surgut_admin)
    add_template(contest)
    group = add_group(world.resident, world.surgut)
    return Application.objects.create(
        contest=contest,
        version=contest.template_versions.get(),
        kind="group",
        group=group,
        municipality=world.surgut,
        author=world.resident,
        title=title,
        status=status,
        submitted_at=timezone.now(),
        cost=Decimal("1500000"),
        amount_region=Decimal("1000000"),
        amount_municipality=Decimal("300000"),
        amount_residents=Decimal("100000"),
        amount_businesses=Decimal("60000"),
        amount_in_kind=Decimal("40000"),
    )
