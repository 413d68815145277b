"""Supporting through the API, the portal's hottest write, reads only what its permission needs:
the token and the report (once, with its agency; a resident's roles are not read), then one
statement that writes the support, the count and the event (three on SQLite). The refusal's
reason is worked out only when refusing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.reports.tests.factories import RoutedReportFactory
from veche.reports.tests.test_api import bearer


def _statements(client, url, headers) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, **headers)
    assert response.status_code == 200, response.content
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_a_support_reads_the_report_once_and_writes_in_one_statement(client, world):
    first, report = RoutedReportFactory.create_batch(2, municipality=world.surgut)
    headers = bearer(world.neighbour)
    client.post(f"/api/v1/reports/{first.pk}/support", **headers)  # the token's first use

    statements = _statements(client, f"/api/v1/reports/{report.pk}/support", headers)

    reads = [s for s in statements if s.startswith("SELECT")]
    assert [s.split(" FROM ")[1].split()[0] for s in reads] == [
        '"api_apitoken"',  # not cached in the tests (API_TOKEN_CACHE_SECONDS = 0)
        '"reports_report"',
    ]  # no roles read: a resident's `holds_roles` flag is off (staff/signals.py)
    writes = len(statements) - len(reads)
    # PostgreSQL: the support, the count and the event in one statement; SQLite: three.
    assert writes == (1 if connection.vendor == "postgresql" else 3)


def test_supporting_again_reads_the_count_back(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    url, headers = f"/api/v1/reports/{report.pk}/support", bearer(world.neighbour)
    client.post(url, **headers)
    statements = _statements(client, url, headers)
    assert len(statements) == 4  # token, report, the insert that changed nothing, count
