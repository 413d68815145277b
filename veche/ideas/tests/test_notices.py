"""Notices go to the right people: the author and supporters on every status change and progress
update, moderators of a new idea, the agency when the idea is given to it, subscribers to the
municipality or category of a newly published idea; nobody of what he did himself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas import services
from veche.ideas.notices.recipients import category_key
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.notifications.models import Notification
from veche.notifications.services import subscription_add

pytestmark = pytest.mark.django_db


def told(*users) -> dict:
    return {
        user.pk: list(Notification.objects.filter(user=user).values_list("kind", flat=True))
        for user in users
    }


def test_filing_tells_the_author_and_the_moderators_of_the_municipality(world):
    services.idea_submit(
        author=world.author,
        title="Каток",
        text="Залить каток во дворе.",
        category=world.category,
        municipality=world.surgut,
    )
    assert told(world.author, world.moderator, world.urai_moderator) == {
        world.author.pk: ["ideas.received"],
        world.moderator.pk: ["ideas.submitted"],
        world.urai_moderator.pk: [],
    }


def test_publication_tells_the_author_and_the_subscribers(world):
    by_place, by_category, elsewhere = UserFactory.create_batch(3)
    subscription_add(user=by_place, municipality=world.surgut)
    subscription_add(user=by_category, category_key=category_key(world.category.pk))
    subscription_add(user=elsewhere, municipality=world.urai)
    idea = IdeaFactory(municipality=world.surgut, category=world.category, author=world.author)
    services.idea_publish(user=world.moderator, idea=idea)
    assert told(world.author, by_place, by_category, elsewhere, world.moderator) == {
        world.author.pk: ["ideas.status_changed"],
        by_place.pk: ["ideas.new_idea"],
        by_category.pk: ["ideas.new_idea"],
        elsewhere.pk: [],
        world.moderator.pk: [],
    }


def test_taking_tells_author_supporters_and_the_agency(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    services.idea_support(user=world.neighbour, idea=idea)
    services.idea_take(
        user=world.mayor_office,
        idea=idea,
        agency=world.parks,
        planned_date=timezone.localdate() + timedelta(days=10),
        answer="Сделаем.",
    )
    assert told(world.author, world.neighbour, world.parks_official, world.official) == {
        world.author.pk: ["ideas.status_changed"],
        world.neighbour.pk: ["ideas.supported_news"],
        world.parks_official.pk: ["ideas.new_work"],
        world.official.pk: [],
    }
    text = Notification.objects.get(user=world.parks_official).title_text
    assert f"Идея № {idea.pk}" in text


def test_progress_tells_author_and_supporters_not_the_official(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    services.idea_support(user=world.neighbour, idea=idea)
    services.idea_take(
        user=world.mayor_office,
        idea=idea,
        agency=world.parks,
        planned_date=timezone.localdate() + timedelta(days=10),
        answer="Сделаем.",
    )
    Notification.objects.all().delete()
    services.idea_add_progress(user=world.parks_official, idea=idea, text="Начали работы.")
    assert told(world.author, world.neighbour, world.parks_official) == {
        world.author.pk: ["ideas.progress"],
        world.neighbour.pk: ["ideas.progress"],
        world.parks_official.pk: [],
    }
    assert "Начали работы." in Notification.objects.get(user=world.author).body_text
