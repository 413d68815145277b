"""Supports: one per resident, counted once; the author and residents without a confirmed
e-mail cannot support; only open ideas take supports."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.accounts.tests.factories import UserFactory
from veche.events.models import Event
from veche.ideas.models import Idea, IdeaSupport, Status
from veche.ideas.services import idea_support, idea_support_withdraw
from veche.ideas.tests.factories import PublishedIdeaFactory, idea_in
from veche.testing.concurrency import at_once

pytestmark = pytest.mark.django_db


def test_a_second_support_is_counted_once(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    idea, created = idea_support(user=world.neighbour, idea=idea)
    assert (created, idea.support_count) == (True, 1)
    idea, created = idea_support(user=world.neighbour, idea=idea)
    assert (created, idea.support_count) == (False, 1)
    assert IdeaSupport.objects.filter(idea=idea).count() == 1


def test_the_author_cannot_support_his_idea(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    with pytest.raises(PermissionDenied, match="Это ваша идея"):
        idea_support(user=world.author, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 0 and not IdeaSupport.objects.exists()


def test_a_resident_without_a_confirmed_email_cannot_support(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    with pytest.raises(PermissionDenied, match="Подтвердите адрес электронной почты"):
        idea_support(user=world.unconfirmed, idea=idea)
    assert not IdeaSupport.objects.exists()


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.REJECTED, Status.IMPLEMENTED, Status.DECLINED]
)
def test_only_open_ideas_take_supports(world, status):
    idea = idea_in(status, municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        idea_support(user=world.neighbour, idea=idea)


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.UNDER_CONSIDERATION, Status.TAKEN])
def test_open_ideas_take_supports(world, status):
    idea = idea_in(status, municipality=world.surgut)
    assert idea_support(user=world.neighbour, idea=idea)[1]


def test_withdrawing_counts_down_once(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    idea_support(user=world.neighbour, idea=idea)
    idea, withdrawn = idea_support_withdraw(user=world.neighbour, idea=idea)
    assert (withdrawn, idea.support_count) == (True, 0)
    idea, withdrawn = idea_support_withdraw(user=world.neighbour, idea=idea)
    assert (withdrawn, idea.support_count) == (False, 0)


def test_supports_record_events(world):
    from veche.events.models import Event

    idea = PublishedIdeaFactory(municipality=world.surgut)
    idea_support(user=world.neighbour, idea=idea)
    idea_support(user=world.neighbour, idea=idea)
    idea_support_withdraw(user=world.neighbour, idea=idea)
    kinds = list(Event.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["ideas.supported", "ideas.support_withdrawn"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_count_each_person_once(world):
    """Four residents press «support» twice each at the same moment: four supports, no error."""
    idea = PublishedIdeaFactory(municipality=world.surgut)
    residents = UserFactory.create_batch(4)
    outcome = at_once(
        [
            lambda user=user: idea_support(user=user, idea=Idea.objects.get(pk=idea.pk))
            for user in residents * 2
        ]
    )
    idea.refresh_from_db()
    assert outcome.errors == []
    assert idea.support_count == 4 == IdeaSupport.objects.filter(idea=idea).count()


def test_ideas_count_through_the_shared_supports(world):
    from veche.ideas.services.supports import IDEA_SUPPORTS
    from veche.supports.kinds import supportable

    idea = PublishedIdeaFactory(municipality=world.surgut)
    assert supportable(idea) is IDEA_SUPPORTS and IDEA_SUPPORTS.support_model is IdeaSupport


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("who", ["author", "neighbour", "unconfirmed"])
def test_the_writes_own_check_gives_what_the_named_rule_gives(world, status, who):
    """The support's statement checks the idea's side of `ideas.support_idea` itself (nothing is
    read first, services/supports.py): for every status and supporter, given by id alone, a
    support counts exactly when the rule allows it, and a refusal writes nothing."""
    idea = idea_in(status, municipality=world.surgut, author=world.author)
    user = getattr(world, who)
    allowed = user.has_perm("ideas.support_idea", idea)
    try:
        _idea, created = idea_support(user=user, idea=Idea(pk=idea.pk))
    except PermissionDenied:
        created = False
        assert not allowed
    assert created == allowed
    assert IdeaSupport.objects.filter(idea=idea).count() == int(allowed)
    assert Event.objects.filter(kind="ideas.supported").count() == int(allowed)


def test_a_support_by_id_of_a_missing_idea_is_not_found(world):
    with pytest.raises(Idea.DoesNotExist):
        idea_support(user=world.neighbour, idea=Idea(pk=987654))
