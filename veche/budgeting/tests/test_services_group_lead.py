"""Handing over a group's lead: only its leader, only to another member who can take part; the
new leader invites and submits, the former one stays a member and no longer does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.budgeting.models import Application, GroupMember
from veche.budgeting.services.applications import application_start
from veche.budgeting.services.groups import group_create, group_hand_over
from veche.budgeting.tests.factories import ContestFactory, add_template
from veche.events.models import Event


@pytest.fixture
def group(world):
    made = group_create(user=world.resident, name="Двор на Ленина, 5", municipality=world.surgut)
    return made


@pytest.fixture
def member(group):
    person = UserFactory(first_name="Олег", last_name="Сидоров")
    GroupMember.objects.create(group=group, user=person)
    return person


def test_the_leader_hands_over_to_a_member_who_then_submits(world, group, member):
    contest = ContestFactory(municipality=world.surgut)
    add_template(contest)
    application = application_start(
        user=world.resident, contest=contest, kind="group", group=group, title="Двор"
    )
    assert world.resident.has_perm("budgeting.submit_application", application)

    group_hand_over(user=world.resident, group=group, member=member)

    group.refresh_from_db()
    assert group.leader == member
    assert group.members.filter(user=world.resident).exists()  # he stays a member
    application = Application.objects.get(pk=application.pk)
    fresh = type(world.resident).objects.get(pk=world.resident.pk)
    assert not fresh.has_perm("budgeting.submit_application", application)
    assert member.has_perm("budgeting.submit_application", application)
    assert member.has_perm("budgeting.invite_to_group", group)
    assert Event.objects.filter(kind="budgeting.group_lead_handed_over").count() == 1


def test_only_the_leader_hands_over(world, group, member):
    with pytest.raises(PermissionDenied):
        group_hand_over(user=member, group=group, member=member)
    group.refresh_from_db()
    assert group.leader == world.resident


@pytest.mark.parametrize("who", ["outsider", "himself", "unconfirmed", "nobody"])
def test_the_lead_goes_to_another_member_who_can_take_part(world, group, who):
    unconfirmed = UnconfirmedUserFactory()
    GroupMember.objects.create(group=group, user=unconfirmed)
    target = {
        "outsider": UserFactory(),
        "himself": world.resident,
        "unconfirmed": unconfirmed,
        "nobody": None,
    }[who]
    with pytest.raises(ValidationError) as refused:
        group_hand_over(user=world.resident, group=group, member=target)
    assert "member" in refused.value.message_dict
    group.refresh_from_db()
    assert group.leader == world.resident


def test_the_page_hands_over_the_lead(world, group, member):
    client = Client()
    client.force_login(world.resident)
    assert "Передать руководство" in client.get(group.get_absolute_url()).content.decode()
    url = reverse("budgeting:group_leader", args=[group.pk])
    page = client.get(url).content.decode()
    assert "Олег С." in page
    refused = client.post(url, {"member": ""})
    assert refused.status_code == 400 and "Выберите участника группы" in refused.content.decode()
    assert client.post(url, {"member": member.pk}).status_code == 302
    group.refresh_from_db()
    assert group.leader == member
    # The former leader no longer sees the page; a member never did.
    assert client.get(url).status_code == 403
