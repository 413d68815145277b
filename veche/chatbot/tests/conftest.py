from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.content.demo_kb import KB
from veche.content.tests.factories import KbCategoryFactory, KbEntryFactory
from veche.reports.tests.factories import TopicFactory
from veche.territory.tests.factories import (
    MunicipalityFactory,
    PlaceFactory,
    RegionFactory,
    SettlementFactory,
)
from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load


@pytest.fixture
def world(db):
    calendar_load()
    clear_cache()
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    MunicipalAdministrationFactory(administers=surgut, region=region)
    settlement = SettlementFactory(municipality=surgut, name="Сургут")
    for category, rows in KB.items():
        kb_category = KbCategoryFactory(name=category)
        for question, answer in rows:
            KbEntryFactory(category=kb_category, question=question, answer=answer)
    yield SimpleNamespace(
        surgut=surgut,
        topic=TopicFactory(name="Ямы на дороге"),
        place=PlaceFactory(settlement=settlement, name="улица Ленина"),
        resident=UserFactory(),
    )
    clear_cache()
