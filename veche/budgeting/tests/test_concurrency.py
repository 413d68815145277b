"""The quota per municipality holds when a municipality's admin submits several applications
at the same moment: the contest's row lock makes the count and the submission one step."""

from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import ValidationError

from veche.budgeting.models import Application
from veche.budgeting.services.applications import Money, application_submit
from veche.budgeting.tests.factories import ContestFactory, add_template
from veche.testing.concurrency import at_once


@pytest.mark.django_db(transaction=True)
def test_five_submissions_at_once_within_a_quota_of_two(world):
    contest = ContestFactory(
        municipality=None,
        accepts_groups=False,
        accepts_municipalities=True,
        quota_per_municipality=2,
        min_share_residents=Decimal(0),
    )
    version = add_template(contest)
    version.fields.update(required=False)
    money = Money(Decimal(100), {"region": Decimal(100)})
    drafts = [
        Application.objects.create(
            contest=contest,
            version=version,
            kind="municipality",
            municipality=world.surgut,
            author=world.surgut_admin,
            title=f"Проект {n}",
            cost=money.cost,
            amount_region=Decimal(100),
        )
        for n in range(5)
    ]

    def submit(application):
        admin = type(world.surgut_admin).objects.get(pk=world.surgut_admin.pk)
        application_submit(user=admin, application=application)

    outcome = at_once([partial(submit, a) for a in drafts], refusals=(ValidationError,))
    refused = outcome.refused
    assert outcome.errors == []
    submitted = Application.objects.filter(contest=contest).exclude(status="draft").count()
    assert submitted == 2 and len(refused) == 3
