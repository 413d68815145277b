"""Gifts at the same moment never overshoot a goal: the project's row lock makes the check and
the write one step. Run on PostgreSQL too."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from veche.community.models import Project
from veche.community.services import capital_give

from .factories import ProjectFactory, VerifiedUserFactory, capital, with_capital


@pytest.mark.django_db(transaction=True)
def test_twenty_gifts_of_100_toward_a_goal_of_500():
    givers = [with_capital(VerifiedUserFactory(), 100) for _ in range(20)]
    project = ProjectFactory(goal=500)
    barrier = threading.Barrier(len(givers))
    done, refused, errors = [], [], []

    def give(user):
        try:
            barrier.wait()
            user = type(user).objects.get(pk=user.pk)
            done.append(capital_give(user=user, project=project, amount=100))
        except ValidationError as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(g,)) for g in givers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (len(done), len(refused)) == (5, 15)
    project = Project.objects.get(pk=project.pk)
    assert (project.collected, project.backers, project.status) == (500, 5, "collected")
    assert sorted(capital(g) for g in givers) == [0] * 5 + [100] * 15
