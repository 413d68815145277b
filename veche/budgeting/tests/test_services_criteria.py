"""Evaluation criteria: a maximum score and a weight; computed ones by a formula from the list,
reading the application (a number field of the template) or the vote."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from veche.budgeting import services
from veche.budgeting.criteria import relative_score
from veche.budgeting.models import Criterion, FieldKind, TemplateField
from veche.budgeting.services import CriterionIn
from veche.budgeting.tests.factories import ContestFactory, DraftContestFactory, add_template


@pytest.fixture
def contest(world):
    made = DraftContestFactory(municipality=world.surgut, stage="")
    version = add_template(made, published=False)
    TemplateField.objects.create(
        version=version, key="field-9", kind=FieldKind.NUMBER, label="Благополучателей", position=9
    )
    return made


def test_expert_and_computed_criteria(world, contest):
    services.criterion_add(
        user=world.surgut_admin,
        contest=contest,
        spec=CriterionIn("Социальная значимость", Decimal(10), Decimal("2")),
    )
    services.criterion_add(
        user=world.surgut_admin,
        contest=contest,
        spec=CriterionIn(
            "Число благополучателей",
            Decimal(5),
            source="application",
            formula="field_relative",
            field_key="field-9",
        ),
    )
    services.criterion_add(
        user=world.surgut_admin,
        contest=contest,
        spec=CriterionIn("Голоса жителей", Decimal(5), source="vote", formula="votes_relative"),
    )
    assert list(contest.criteria.values_list("position", "formula")) == [
        (1, ""),
        (2, "field_relative"),
        (3, "votes_relative"),
    ]


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (CriterionIn("Значимость", Decimal(0)), "max_score"),
        (CriterionIn("Значимость", Decimal(10), Decimal(-1)), "weight"),
        (CriterionIn("", Decimal(10)), "title"),
        (CriterionIn("Голоса", Decimal(5), source="vote", formula="residents_share"), "formula"),
        (CriterionIn("Значимость", Decimal(5), formula="votes_relative"), "formula"),
        (
            CriterionIn(
                "Охват",
                Decimal(5),
                source="application",
                formula="field_relative",
                field_key="field-1",
            ),  # a text field
            "field_key",
        ),
    ],
)
def test_bad_criteria_are_refused_by_field(world, contest, spec, field):
    with pytest.raises(ValidationError) as refused:
        services.criterion_add(user=world.surgut_admin, contest=contest, spec=spec)
    assert field in refused.value.message_dict
    assert not Criterion.objects.exists()


def test_criteria_are_frozen_once_the_contest_begins(world):
    running = ContestFactory(municipality=world.surgut)
    with pytest.raises(ValidationError, match="уже начался"):
        services.criterion_add(
            user=world.surgut_admin, contest=running, spec=CriterionIn("Значимость", Decimal(10))
        )


@pytest.mark.parametrize(
    ("value", "best", "expected"),
    [
        (Decimal(20), Decimal(40), Decimal("5.00")),
        (Decimal(40), Decimal(40), Decimal("10.00")),
        (Decimal(0), Decimal(40), Decimal(0)),
        (Decimal(5), Decimal(0), Decimal(0)),
    ],
)
def test_relative_formula(value, best, expected):
    assert relative_score(value, best, Decimal(10)) == expected
