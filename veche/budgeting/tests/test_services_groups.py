"""Initiative groups: created by a resident who leads it; invitations by e-mail or link,
accepted once, within 14 days, by the address invited."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import GroupMember
from veche.budgeting.services.groups import group_create, group_invite, invitation_accept


@pytest.fixture
def group(world):
    return group_create(user=world.resident, name="Двор на Ленина, 5", municipality=world.surgut)


def test_the_creator_leads_the_group(world, group):
    assert group.leader == world.resident
    assert list(group.members.values_list("user", flat=True)) == [world.resident.pk]


def test_an_unconfirmed_resident_cannot_create_a_group(world):
    with pytest.raises(PermissionDenied):
        group_create(user=world.unconfirmed, name="Двор", municipality=world.surgut)


def test_an_invitation_by_email_is_accepted_by_that_address(
    world, group, django_capture_on_commit_callbacks
):
    neighbour = UserFactory(email="sosed@example.org")
    invitation = group_invite(user=world.resident, group=group, email="Sosed@example.org")
    with pytest.raises(PermissionDenied):
        invitation_accept(user=UserFactory(), token=invitation.token)
    invitation_accept(user=neighbour, token=invitation.token)
    assert GroupMember.objects.filter(group=group, user=neighbour).exists()
    with pytest.raises(ValidationError, match="уже"):
        invitation_accept(user=neighbour, token=invitation.token)


def test_an_invitation_expires_in_14_days(world, group):
    invitation = group_invite(user=world.resident, group=group)
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1), tick=False):
        with pytest.raises(ValidationError, match="истёк"):
            invitation_accept(user=UserFactory(), token=invitation.token)
    assert group.members.count() == 1


def test_only_the_leader_invites(world, group):
    member = UserFactory()
    GroupMember.objects.create(group=group, user=member)
    with pytest.raises(PermissionDenied):
        group_invite(user=member, group=group, email="x@example.org")


def test_an_email_invitation_enqueues_the_letter_with_the_link(world, group, mailoutbox):
    from veche.budgeting.notices import send_invitation_letter

    invitation = group_invite(user=world.resident, group=group, email="new@example.org")
    assert send_invitation_letter(invitation.pk)
    assert mailoutbox[-1].to == ["new@example.org"]
    assert invitation.token in mailoutbox[-1].body


def test_the_group_links_a_published_idea_of_a_member(world, group):
    from veche.budgeting.services.groups import group_link_idea
    from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory

    pending = IdeaFactory(municipality=world.surgut, author=world.resident)
    stranger = PublishedIdeaFactory(municipality=world.surgut)
    mine = PublishedIdeaFactory(municipality=world.surgut, author=world.resident)
    for refused in (pending, stranger):
        with pytest.raises(ValidationError) as error:
            group_link_idea(user=world.resident, group=group, idea=refused)
        assert "idea" in error.value.message_dict
    group_link_idea(user=world.resident, group=group, idea=mine)
    group.refresh_from_db()
    assert group.idea == mine


def test_the_group_page_starts_the_application_with_the_ideas_title(client, world, group):
    from django.urls import reverse

    from veche.ideas.tests.factories import PublishedIdeaFactory

    group.idea = PublishedIdeaFactory(
        municipality=world.surgut, author=world.resident, title="Сквер у школы"
    )
    group.save()
    client.force_login(world.resident)
    page = client.get(reverse("budgeting:group", args=[group.pk]))
    assert page.context["start_form"].initial["title"] == "Сквер у школы"
