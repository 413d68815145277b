"""The quota per municipality holds when a municipality's admin submits several applications
at the same moment: the contest's row lock makes the count and the submission one step."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from veche.budgeting.models import Application
from veche.budgeting.services.applications import Money, application_submit
from veche.budgeting.tests.factories import ContestFactory, add_template


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
    barrier = threading.Barrier(len(drafts))
    refused, errors = [], []

    def submit(application):
        try:
            barrier.wait()
            admin = type(world.surgut_admin).objects.get(pk=world.surgut_admin.pk)
            application_submit(user=admin, application=application)
        except ValidationError as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    submitted = Application.objects.filter(contest=contest).exclude(status="draft").count()
    assert submitted == 2 and len(refused) == 3
