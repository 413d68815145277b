"""The event log: appended inside the change's transaction, pseudonymous, read forward by
consumers each from its own watermark."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.events.models import Cursor, Event
from veche.events.selectors import read_new, watermark
from veche.events.services import actor_pseudonym, advance, record_event
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def record(**fields) -> Event:
    with transaction.atomic():
        return record_event(**{"kind": "tests.happened", "subject": ("tests.thing", 1), **fields})


def test_an_event_names_its_subject_as_strings_and_its_actor_by_pseudonym():
    user = UserFactory()
    municipality = MunicipalityFactory()

    event = record(subject=user, actor=user, territory=municipality, payload={"n": 2})

    event.refresh_from_db()
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(user.pk))
    assert event.actor == actor_pseudonym(user)
    assert len(event.actor) == 64 and event.actor != str(user.pk)
    assert event.territory == municipality
    assert event.payload == {"n": 2}


def test_the_pseudonym_is_stable_per_person_and_differs_between_people(settings):
    first, second = UserFactory(), UserFactory()
    assert actor_pseudonym(first) == actor_pseudonym(first)
    assert actor_pseudonym(first) != actor_pseudonym(second)
    before = actor_pseudonym(first)
    settings.EVENTS_PSEUDONYM_KEY = "another key"
    assert actor_pseudonym(first) != before


def test_the_system_acts_without_a_pseudonym():
    assert record(actor=None).actor == ""


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_nothing_is_recorded():
    with pytest.raises(RuntimeError):
        record_event(kind="tests.happened", subject=("tests.thing", 1))
    assert not Event.objects.exists()


def test_an_event_rolls_back_with_the_change():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record_event(kind="tests.happened", subject=("tests.thing", 1))
        1 / 0  # noqa: B018 - the change fails after the event was written
    assert not Event.objects.exists()


def test_a_payload_is_a_few_facts_not_a_copy():
    with pytest.raises(ValidationError):
        record(payload={"text": "x" * 5000})
    assert not Event.objects.exists()


def test_ids_grow_with_every_event():
    ids = [record().id for _ in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3


def test_each_consumer_reads_from_its_own_watermark():
    events = [record() for _ in range(5)]

    first = read_new("notices", limit=2)
    assert [e.id for e in first] == [e.id for e in events[:2]]
    advance(consumer="notices", last_id=first[-1].id)

    assert [e.id for e in read_new("notices")] == [e.id for e in events[2:]]
    assert [e.id for e in read_new("analytics")] == [e.id for e in events]
    assert watermark("analytics") == 0


def test_a_watermark_never_moves_back():
    advance(consumer="notices", last_id=7)
    advance(consumer="notices", last_id=3)
    assert Cursor.objects.get(consumer="notices").last_event_id == 7


def test_reading_stops_before_a_fresh_gap_and_passes_a_settled_one(settings):
    """An earlier id may still commit on PostgreSQL: a consumer must not jump over it."""
    record()  # the consumer has read up to here (a watermark of 0 is "never read")
    first = record()
    Event.objects.filter(pk=first.pk).delete()  # as if its transaction were still open
    later = record()
    advance(consumer="notices", last_id=first.id - 1)

    assert read_new("notices") == []

    Event.objects.filter(pk=later.pk).update(occurred_at=later.occurred_at - timedelta(minutes=5))
    assert [e.id for e in read_new("notices")] == [later.id]


def test_a_consumer_set_up_at_zero_starts_at_the_first_event_without_waiting():
    """Ids need not start at 1; a cursor created at 0 must not wait for ids that never come."""
    gone = record()
    Event.objects.filter(pk=gone.pk).delete()  # a rolled-back transaction's id, never to come
    first = record()
    Cursor.objects.create(consumer="points", last_event_id=0)

    assert [e.id for e in read_new("points")] == [first.id]


def test_the_admin_is_read_only():
    request = RequestFactory().get("/")
    request.user = StaffUserFactory(is_superuser=True)
    event = record()
    for model in (Event, Cursor):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, event)
        assert not model_admin.has_delete_permission(request, event)
