"""Factories for budgeting. `ContestFactory()` is a published municipal contest whose default
stages (applications → technical review → public voting → results) run ten days each, the
applications stage open now; `contest_in(kind)` one whose stage `kind` is open now;
`add_stages(contest, kinds, start)` puts stages on a contest."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import stages
from veche.budgeting.models import Contest, ContestStage

STAGE_DAYS = 10
DEFAULT_KINDS = (stages.APPLICATIONS, stages.TECHNICAL_REVIEW, stages.PUBLIC_VOTING, stages.RESULTS)


def add_stages(
    contest: Contest, kinds: Sequence[str] = DEFAULT_KINDS, *, start: datetime, days=STAGE_DAYS
) -> list[ContestStage]:
    """Stages of `days` days each, back to back from `start`."""
    return [
        ContestStage.objects.create(
            contest=contest,
            kind=kind,
            position=number,
            starts_at=start + timedelta(days=days * (number - 1)),
            ends_at=start + timedelta(days=days * number),
        )
        for number, kind in enumerate(kinds, start=1)
    ]


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Инициативное бюджетирование {n}")
    rules = "<p>Проекты благоустройства дворов и общественных пространств.</p>"
    organizer = factory.SubFactory(UserFactory)
    municipality = None
    budget = Decimal("10000000")
    min_share_residents = Decimal("5")
    status = Contest.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def stage(contest, create, extracted, **kwargs):  # noqa: N805 (factory_boy's hook)
        """`stage=<kind>`: stages placed so that `kind` opened a day ago; `stage=""`: none."""
        kind = stages.APPLICATIONS if extracted is None else extracted
        if not create or kind == "":
            return
        kinds = kwargs.get("kinds", DEFAULT_KINDS)
        index = kinds.index(kind)
        add_stages(contest, kinds, start=timezone.now() - timedelta(days=STAGE_DAYS * index + 1))


class DraftContestFactory(ContestFactory):
    status = Contest.Status.DRAFT
    published_at = None


def contest_in(kind: str, **fields) -> Contest:
    return ContestFactory(stage=kind, **fields)


def add_template(contest: Contest, *, published: bool = True, number: int = 1):
    """A template version with a text, a money and a file field."""
    from veche.budgeting.models import FieldKind, TemplateField, TemplateVersion

    version = TemplateVersion.objects.create(
        contest=contest, number=number, published_at=timezone.now() if published else None
    )
    for position, (kind, label) in enumerate(
        (
            (FieldKind.TEXT, "Название проекта"),
            (FieldKind.MONEY, "Стоимость проекта"),
            (FieldKind.FILE, "Протокол собрания жителей"),
        ),
        start=1,
    ):
        TemplateField.objects.create(
            version=version,
            key=f"field-{position}",
            kind=kind,
            label=label,
            required=True,
            position=position,
        )
    return version


def add_group(leader, municipality, *members):
    from veche.budgeting.models import GroupMember, InitiativeGroup

    group = InitiativeGroup.objects.create(
        name="Двор на Ленина, 5", municipality=municipality, leader=leader
    )
    for user in (leader, *members):
        GroupMember.objects.create(group=group, user=user)
    return group


def voting_contest(*, projects=(100, 200, 300), stage: str = stages.PUBLIC_VOTING, **terms):
    """A published contest whose public voting is open now (or `stage`), with `VotingTerms`
    (`terms`) and one admitted application on the ballot per cost in `projects`; returns
    (contest, applications) in the order of `projects`, submitted one minute apart."""
    from veche.budgeting.models import Application, VoteTally, VotingTerms

    budget = terms.pop("budget", Decimal("10000000"))
    contest = ContestFactory(stage=stage, budget=budget, min_share_residents=Decimal(0))
    VotingTerms.objects.create(contest=contest, **terms)
    version = add_template(contest)
    author = UserFactory()
    municipality = author.settlement.municipality
    start = timezone.now() - timedelta(days=30)
    applications = []
    for n, cost in enumerate(projects):
        application = Application.objects.create(
            contest=contest,
            version=version,
            kind="individual",
            municipality=municipality,
            author=author,
            title=f"Проект {n + 1:02d}",
            status=Application.Status.ADMITTED,
            cost=Decimal(cost),
            amount_residents=Decimal(cost),
            submitted_at=start + timedelta(minutes=n),
        )
        VoteTally.objects.create(
            application=application,
            contest=contest,
            municipality=municipality,
            cost=application.cost,
        )
        applications.append(application)
    return contest, applications
