"""The winner rule calling the seam for one application several times at once enters its project
once: the application's row lock makes the check and the insert one step (and the unique
`application` column backs it). Run on PostgreSQL too; on SQLite writers queue anyway."""

import threading

import pytest
from django.db import connection

from veche.realized.models import Project, ProjectUpdate
from veche.realized.services import implementation_start

from .factories import winner_application


@pytest.mark.django_db(transaction=True)
def test_five_starts_at_once_enter_one_project(world):
    application = winner_application(world)
    barrier = threading.Barrier(5)
    projects, errors = [], []

    def start():
        try:
            barrier.wait()
            admin = type(world.surgut_admin).objects.get(pk=world.surgut_admin.pk)
            projects.append(implementation_start(user=admin, application=application).pk)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Project.objects.count() == 1
    assert set(projects) == {Project.objects.get().pk}
    assert ProjectUpdate.objects.filter(kind="started").count() == 1
