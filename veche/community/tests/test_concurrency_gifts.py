"""Gifts at the same moment from one resident's capital: the ledger's lock of his account makes
the check of his balance and the write one step, so exactly as many gifts succeed as his capital
covers and it never goes below zero. Run on PostgreSQL too."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from veche.community.models import Gift, Project
from veche.community.services import capital_give
from veche.testing.concurrency import at_once

from .factories import ProjectFactory, VerifiedUserFactory, capital, with_capital


@pytest.mark.django_db(transaction=True)
def test_fifty_gifts_from_capital_covering_ten():
    anna = with_capital(VerifiedUserFactory(), 100)
    projects = [ProjectFactory(goal=1000) for _ in range(5)]

    def give(n):
        capital_give(user=anna, project=projects[n % 5], amount=10)

    outcome = at_once([partial(give, n) for n in range(50)], refusals=(ValidationError,))
    assert outcome.errors == []
    assert (len(outcome.done), len(outcome.refused)) == (10, 40)
    assert capital(anna) == 0
    assert Gift.objects.filter(user=anna).aggregate(total=Sum("amount"))["total"] == 100
    assert sum(Project.objects.values_list("collected", flat=True)) == 100
    assert sum(Project.objects.values_list("backers", flat=True)) == len(
        set(Gift.objects.values_list("project_id", flat=True))
    )
