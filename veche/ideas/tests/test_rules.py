"""Who may do what to an idea, as a matrix of people × permissions; and the Urai admin refused
on a Surgut idea, in Russian and in English, with nothing changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from veche.events.models import Event
from veche.ideas import services
from veche.ideas.models import Status
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory, TakenIdeaFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "author",
    "neighbour",
    "unconfirmed",
    "moderator",
    "urai_moderator",
    "mayor_office",
    "urai_mayor_office",
    "regional_admin",
    "official",
    "urai_official",
]
# For a published Surgut idea given to Surgut's administration: who holds each permission.
MATRIX = {
    "ideas.view_idea": set(PEOPLE),
    "ideas.moderate_idea": {"moderator", "regional_admin"},
    "ideas.decide_idea": {"mayor_office", "regional_admin"},
    "ideas.report_progress": {"official"},
    "ideas.implement_idea": {"official", "mayor_office", "regional_admin"},
    "ideas.support_idea": {
        "neighbour",
        "moderator",
        "urai_moderator",
        "mayor_office",
        "urai_mayor_office",
        "regional_admin",
        "official",
        "urai_official",
    },
}


@pytest.mark.parametrize("perm", list(MATRIX))
def test_the_matrix(world, perm):
    idea = TakenIdeaFactory(
        municipality=world.surgut, author=world.author, agency=world.surgut_admin
    )
    holders = {name for name in PEOPLE if getattr(world, name).has_perm(perm, idea)}
    assert holders == MATRIX[perm]


def test_an_unpublished_idea_is_seen_by_its_author_and_the_staff_concerned(world):
    idea = IdeaFactory(municipality=world.surgut, author=world.author)
    seeing = {name for name in PEOPLE if getattr(world, name).has_perm("ideas.view_idea", idea)}
    assert seeing == {"author", "moderator", "mayor_office", "regional_admin"}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Решение по идее принимает только администрация её муниципалитета"),
        ("en", "Only the administration of the idea's municipality"),
    ],
)
def test_the_urai_admin_cannot_change_a_surgut_idea(world, language, message):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    later = timezone.localdate() + timedelta(days=30)
    attempts = [
        lambda: services.idea_consider(user=world.urai_mayor_office, idea=idea),
        lambda: services.idea_decline(user=world.urai_mayor_office, idea=idea, reason="Нет."),
        lambda: services.idea_take(
            user=world.urai_mayor_office,
            idea=idea,
            agency=world.surgut_admin,
            planned_date=later,
            answer="Да.",
        ),
    ]
    events = Event.objects.count()
    for attempt in attempts:
        with translation.override(language), pytest.raises(PermissionDenied) as refusal:
            attempt()
        assert message in str(refusal.value)
    idea.refresh_from_db()
    assert (idea.status, idea.agency_id, Event.objects.count()) == (Status.PUBLISHED, None, events)


def test_only_the_responsible_agency_posts_progress(world):
    idea = TakenIdeaFactory(municipality=world.surgut, agency=world.parks)
    for outsider in (world.official, world.urai_official, world.mayor_office, world.moderator):
        with pytest.raises(PermissionDenied):
            services.idea_add_progress(user=outsider, idea=idea, text="Сделали.")
    assert not idea.progress.exists()
    services.idea_add_progress(user=world.parks_official, idea=idea, text="Сделали.")
    assert idea.progress.count() == 1


def test_a_surgut_moderator_does_not_moderate_urai(world):
    idea = IdeaFactory(municipality=world.urai)
    with pytest.raises(PermissionDenied):
        services.idea_publish(user=world.moderator, idea=idea)
    services.idea_publish(user=world.urai_moderator, idea=idea)
