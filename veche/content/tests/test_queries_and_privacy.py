"""Lists cost a constant number of queries; a resident's marks and answers are exported and, on
deletion, his marks go while his answers stay counted without him."""

import pytest

from veche.content import privacy, services
from veche.content.models import EventAttendance, KbFeedback

from .factories import EventFactory, KbEntryFactory, NewsFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _queries(client, path, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_lists_cost_the_same_however_long(world, client, count, django_assert_max_num_queries):
    theme = ThemeFactory(name="ЖКХ")
    for _ in range(count):
        NewsFactory(theme=theme, municipality=world.surgut)
        KbEntryFactory()
        EventFactory(municipality=world.urai)
    for path in ["/news/", "/help/", "/events/", "/events/month/", "/"]:
        _queries(client, path, django_assert_max_num_queries, 14)


def test_export_and_erase(world):
    entry = KbEntryFactory()
    event = EventFactory()
    services.kb_feedback(entry_id=entry.pk, user=world.resident, session_key="", helpful=True)
    services.event_attend(user=world.resident, event_id=event.pk)
    exported = privacy.export(world.resident)
    assert exported["knowledge_base_answers"][0]["helpful"] is True
    assert exported["events_attending"][0]["event"] == event.pk
    privacy.erase(world.resident)
    assert not EventAttendance.objects.exists()
    feedback = KbFeedback.objects.get()
    assert feedback.user is None and feedback.helpful is True
