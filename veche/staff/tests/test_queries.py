"""The staff pages that list agencies ask the same number of queries however many there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from veche.agencies.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("persona_name", "page"),
    [
        ("moderator_surgut", "dashboard"),
        ("municipal_admin_surgut", "municipality"),
        ("municipal_head", "municipality"),
    ],
)
def test_agency_links_do_not_cost_a_query_each(login_as, world, persona_name, page):
    client, _user = login_as(persona_name)
    url = (
        reverse("staff:dashboard")
        if page == "dashboard"
        else reverse("staff:municipality", args=[world.surgut.slug])
    )
    AgencyFactory(region=world.surgut.region, municipalities=[world.surgut])
    few = queries(client, url)
    for _ in range(5):
        AgencyFactory(region=world.surgut.region, municipalities=[world.surgut, world.urai])
    assert queries(client, url) == few
