"""The Open311 fuzz script's generator, run in-process against the test client: the inputs of
issue 7 and seeded random garbage on every endpoint, in XML and JSON, by GET and POST."""

import importlib.util
import random
import sys

import pytest
from django.conf import settings
from django.test import Client

from veche.open311.services import integration_key_create
from veche.reports.tests.factories import RoutedReportFactory

SCRIPT = settings.BASE_DIR / "scripts" / "fuzz_open311.py"


@pytest.fixture(scope="module")
def fuzz_open311():
    spec = importlib.util.spec_from_file_location("fuzz_open311", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def in_process(fuzz_open311, client: Client):
    def send(case):
        response = client.generic(
            case.method,
            case.path,
            case.body,
            content_type=case.content_type or "application/octet-stream",
            headers=case.headers,
        )
        return fuzz_open311.Answer(
            response.status_code, response.get("Content-Type", ""), response.content
        )

    return send


@pytest.mark.parametrize("seed", [7, 311])
def test_fuzzing_finds_no_server_error_and_only_parseable_documents(fuzz_open311, world, seed):
    key = integration_key_create(name="Фаззер")[1]
    reports = [
        RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin) for _ in range(3)
    ]
    # As a live server: a 500 is counted, not raised; no CSRF page may answer.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    generator = fuzz_open311.Generator(
        random.Random(seed),
        api_key=key,
        codes=[world.topic.service_code],
        ids=[str(r.pk) for r in reports],
    )
    tally = fuzz_open311.fuzz(in_process(fuzz_open311, client), generator, count=300)
    assert sum(tally.statuses.values()) >= 300
    assert tally.ok, tally.report()
    assert tally.statuses[200] > 0 and tally.statuses[400] > 0  # both paths were exercised
