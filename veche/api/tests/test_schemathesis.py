"""The schema is true: schemathesis generates requests from /api/v1/openapi.json, valid and
invalid, sends them to the app in-process and checks each answer against the schema.

A smaller run than scripts/schemathesis_run.sh (a live server with the demo data and ≥ 2,000
requests, docs/api.md): every operation, with a resident's token, in under a minute.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from veche.reports.tests.factories import (
    CategoryFactory,
    RejectionReasonFactory,
    ReportFactory,
    RoutedReportFactory,
    TopicFactory,
)
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

from .factories import ApiTokenFactory

EXAMPLES = 12  # per operation and mode: about 400 requests
SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
schema_valid_input_passes_validation = pytest.importorskip(
    "scripts.schemathesis_hooks"
).schema_valid_input_passes_validation

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    schema_valid_input_passes_validation,
]


@pytest.fixture
def keep_the_test_database_open():
    # A WSGI request closes the database connection when it ends; the test client of Django
    # stops that the same way, since the test's transaction lives on that connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, keep_the_test_database_open):
    municipality = MunicipalityFactory(region=RegionFactory())
    topic = TopicFactory(category=CategoryFactory())
    RejectionReasonFactory()
    for _ in range(3):
        RoutedReportFactory(municipality=municipality, topic=topic)
    ReportFactory(municipality=municipality, topic=topic)
    config = SchemathesisConfig.from_path(SCRIPTS / "schemathesis.toml")
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application(), config=config
    )


@pytest.fixture
def token(db):
    return ApiTokenFactory()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_declared_and_no_valid_request_is_refused(api_schema, token, mode):
    headers = {"Authorization": f"Bearer {token.plain_key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 17

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_declared(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            answers_as_declared()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE  # nothing to make invalid (no input at all)
