import pytest

from veche.accounts.tests.factories import UserFactory
from veche.core import sms
from veche.territory.tests.factories import MunicipalityFactory, SettlementFactory


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def surgut(db):
    return MunicipalityFactory(name="Сургут", slug="surgut")


@pytest.fixture
def urai(db):
    return MunicipalityFactory(name="Урай", slug="urai")


@pytest.fixture
def resident_of_urai(urai):
    return UserFactory(settlement=SettlementFactory(municipality=urai, name="Урай"))


@pytest.fixture
def resident(db):
    return UserFactory()
