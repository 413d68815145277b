"""The map of the municipalities in open government: members with the date they joined, the
others as «not yet», the demo idempotent."""

import json
import re
from datetime import date

import pytest

from veche.content.demo import _open_government
from veche.content.models import OpenGovernmentMember
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_members_and_the_others(client, django_assert_max_num_queries):
    surgut = MunicipalityFactory(name="Сургут")
    MunicipalityFactory(name="Покачи")
    OpenGovernmentMember.objects.create(
        municipality=surgut, joined_on=date(2016, 3, 1), practices="Прямые линии главы"
    )
    with django_assert_max_num_queries(8):
        response = client.get("/open-government/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Прямые линии главы" in page and "Покачи" in page
    points = re.search(r'id="open-government-points"[^>]*>(.*?)</script>', page).group(1)
    assert [point["name"] for point in json.loads(points)] == ["Сургут"]


def test_the_demo_is_idempotent():
    places = {"Сургут": MunicipalityFactory(name="Сургут")}
    _open_government(places)
    _open_government(places)
    assert OpenGovernmentMember.objects.count() == 1
