"""chdb (embedded ClickHouse) for the export tests: one session per test process (chdb allows
one), a fresh database per test."""

import itertools

import pytest

from veche.reports.tests.conftest import calendar, world  # noqa: F401 - fixtures reused

chdb_session = pytest.importorskip("chdb.session")
_numbers = itertools.count()


@pytest.fixture(scope="session")
def chdb_engine(tmp_path_factory):
    engine = chdb_session.Session(str(tmp_path_factory.mktemp("chdb")))
    yield engine
    engine.close()


@pytest.fixture
def sink(chdb_engine):
    from veche.warehouse.sinks import ChdbSink

    database = f"veche_test_{next(_numbers)}"
    yield ChdbSink(chdb_engine, database)
    chdb_engine.query(f"DROP DATABASE IF EXISTS {database}")
