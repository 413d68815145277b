"""The winner rule calling the seam for one application several times at once enters its project
once: the application's row lock makes the check and the insert one step (and the unique
`application` column backs it). Run on PostgreSQL too; on SQLite writers queue anyway."""

import pytest

from veche.realized.models import Project, ProjectUpdate
from veche.realized.services import implementation_start
from veche.testing.concurrency import at_once

from .factories import winner_application


@pytest.mark.django_db(transaction=True)
def test_five_starts_at_once_enter_one_project(world):
    application = winner_application(world)

    def start():
        admin = type(world.surgut_admin).objects.get(pk=world.surgut_admin.pk)
        return implementation_start(user=admin, application=application).pk

    outcome = at_once([start] * 5)
    assert outcome.errors == []
    assert Project.objects.count() == 1
    assert set(outcome.done) == {Project.objects.get().pk}
    assert ProjectUpdate.objects.filter(kind="started").count() == 1
