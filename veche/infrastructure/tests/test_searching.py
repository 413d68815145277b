"""Infrastructure objects in the site-wide search, found by other word forms."""

import pytest

from veche.infrastructure.tests.factories import FacilityFactory
from veche.search import selectors

pytestmark = pytest.mark.django_db


def test_infrastructure_objects_are_found(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        FacilityFactory(name="Мост через протоку Бардыковка")
    found = {hit.entry.title for hit in selectors.search("мосты протоки").hits}
    assert found == {"Мост через протоку Бардыковка"}
