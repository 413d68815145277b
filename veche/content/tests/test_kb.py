"""The knowledge base: answers by category, related questions, «Был ли ответ полезен?» once per
person or guest session (the database decides), counts for editors only."""

import pytest
from django.db import IntegrityError, transaction

from veche.content import services
from veche.content.models import KbFeedback, Status

from .factories import KbCategoryFactory, KbEntryFactory

pytestmark = pytest.mark.django_db


def test_the_index_lists_published_questions_by_category(world, client):
    reports = KbCategoryFactory(name="Сообщения о проблемах")
    KbEntryFactory(category=reports, question="Как подать сообщение?")
    KbEntryFactory(category=reports, question="Черновой вопрос", status=Status.DRAFT)
    page = client.get("/help/").content.decode()
    assert "Сообщения о проблемах" in page and "Как подать сообщение?" in page
    assert "Черновой вопрос" not in page


def test_related_questions_are_shown_both_ways(world, client):
    first = KbEntryFactory(question="Сколько ждать ответа?")
    second = KbEntryFactory(question="Что делать, если срок прошёл?")
    first.related.add(second)
    assert "Что делать, если срок прошёл?" in client.get(first.get_absolute_url()).content.decode()
    assert "Сколько ждать ответа?" in client.get(second.get_absolute_url()).content.decode()


def test_a_person_answers_once(world):
    entry = KbEntryFactory()
    assert services.kb_feedback(
        entry_id=entry.pk, user=world.resident, session_key="", helpful=True
    )
    assert not services.kb_feedback(
        entry_id=entry.pk, user=world.resident, session_key="", helpful=False
    )
    assert list(KbFeedback.objects.values_list("helpful", flat=True)) == [True]


def test_the_database_refuses_a_second_answer_of_a_session(world):
    entry = KbEntryFactory()
    KbFeedback.objects.create(entry=entry, session_key="abc", helpful=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        KbFeedback.objects.create(entry=entry, session_key="abc", helpful=False)


def test_a_guest_answers_once_per_session_through_the_page(world, client):
    entry = KbEntryFactory()
    client.post(f"/help/{entry.pk}/helpful/", {"helpful": "1"})
    client.post(f"/help/{entry.pk}/helpful/", {"helpful": "0"})
    assert KbFeedback.objects.filter(entry=entry).count() == 1
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Вы уже ответили" in page or "already answered" in page
    other_guest = client.__class__()
    other_guest.post(f"/help/{entry.pk}/helpful/", {"helpful": "0"})
    assert KbFeedback.objects.filter(entry=entry).count() == 2


def test_an_unpublished_question_takes_no_answers(world, client):
    entry = KbEntryFactory(status=Status.DRAFT, published_at=None)
    assert client.post(f"/help/{entry.pk}/helpful/", {"helpful": "1"}).status_code == 404
    assert not KbFeedback.objects.exists()


def test_counts_are_shown_to_editors_only(world, client):
    entry = KbEntryFactory(municipality=world.surgut)
    for key, helpful in [("a", True), ("b", True), ("c", False)]:
        services.kb_feedback(entry_id=entry.pk, user=None, session_key=key, helpful=helpful)
    assert "helpful 2" not in client.get(entry.get_absolute_url()).content.decode()
    client.force_login(world.surgut_editor)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "полезен 2, бесполезен 1" in page or "helpful 2, not helpful 1" in page
    listing = client.get("/content/work/kb/").content.decode()
    assert "2 / 1" in listing
