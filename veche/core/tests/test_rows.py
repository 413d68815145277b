"""core.rows: model rows read through hand-written SQL, as the ORM would have made them."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from veche.core import rows
from veche.territory.models import Municipality
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_row_is_the_instance_the_orm_makes():
    made = MunicipalityFactory(name="Урай")
    (found,) = rows.read(Municipality, "t.id = %s", [made.pk])
    expected = Municipality.objects.get(pk=made.pk)
    for field in Municipality._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert not found._state.adding


def test_only_some_columns_defers_the_rest():
    made = MunicipalityFactory(name="Сургут")
    (found,) = rows.read(Municipality, "t.id = %s", [made.pk], only=("id", "name"))
    assert found.get_deferred_fields() >= {"population"}
    with CaptureQueriesContext(connection) as queries:
        assert found.name == "Сургут"
    assert len(queries) == 0


def test_order_and_lock_inside_a_transaction():
    made = [MunicipalityFactory() for _ in range(3)]
    ids = [m.pk for m in made]
    where = f"t.id IN ({', '.join(['%s'] * len(ids))})"
    with transaction.atomic():
        found = rows.read(Municipality, where, ids, order="t.id DESC", lock=True)
    assert [m.pk for m in found] == sorted(ids, reverse=True)
    assert rows.read(Municipality, "t.id = %s", [max(ids) + 1000]) == []
