"""0002 adds `actions` with a CHECK (people ≤ actions): rows kept before it must not stop the
upgrade of a running portal."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from veche.territory.tests.factories import MunicipalityFactory

BEFORE = [("analytics", "0001_initial")]
AFTER = [("analytics", "0002_participation_actions")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_participation_kept_before_actions_were_counted_survives_the_upgrade():
    old = migrate(BEFORE)
    town = MunicipalityFactory()  # territory's tables stay at their latest state
    old.get_model("analytics", "ParticipationDay").objects.create(
        day=datetime.date(2026, 11, 2), municipality_id=town.pk, kind="reports", people=3
    )

    new = migrate(AFTER)

    row = new.get_model("analytics", "ParticipationDay").objects.get()
    assert (row.people, row.actions) == (3, 3)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
