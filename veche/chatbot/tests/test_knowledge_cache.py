"""The matcher over the knowledge base is built once and kept; saving or deleting an entry or a
category forgets it, so the next question sees the change."""

import pytest
from django.core.cache import cache

from veche.chatbot.conversation import answer_question
from veche.content.models import KbEntry
from veche.content.tests.factories import KbEntryFactory

pytestmark = pytest.mark.django_db
NEW = "Как купить билет на речной паром?"


@pytest.fixture
def cached(settings):
    settings.CHATBOT_KNOWLEDGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _found(text: str) -> str:
    links = answer_question(text).links
    return links[0][0] if links else ""


def test_the_matcher_is_kept_between_questions(world, cached, django_assert_num_queries):
    assert _found("как востановить пароль") == "Как восстановить пароль?"
    with django_assert_num_queries(0):
        assert _found("как востановить пароль") == "Как восстановить пароль?"


def test_a_saved_or_deleted_entry_is_seen_by_the_next_question(world, cached):
    assert _found("билет на паром") != NEW
    entry = KbEntryFactory(question=NEW, answer="Билеты продаёт речной вокзал.")
    assert _found("билет на паром") == NEW
    entry.delete()
    assert _found("билет на паром") != NEW


def test_a_change_without_a_save_waits_for_the_cache(world, cached):
    _found("билет на паром")
    KbEntry.objects.filter(question="Как восстановить пароль?").update(question=NEW)
    assert _found("билет на паром") != NEW  # kept: a queryset update sends no signal
