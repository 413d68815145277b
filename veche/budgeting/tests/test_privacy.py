"""A resident's budgeting data joins his export; on deletion his memberships and invitations
go, his private drafts go, and the submitted record stays."""

from django.urls import reverse
from django.utils import timezone

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import Application, GroupInvitation, GroupMember
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template


def test_export_and_deletion(world):
    member = UserFactory(email="member@example.org")
    group = add_group(world.resident, world.surgut, member)
    contest = ContestFactory(municipality=world.surgut, accepts_individuals=True)
    version = add_template(contest)
    submitted = Application.objects.create(
        contest=contest,
        version=version,
        kind="group",
        group=group,
        municipality=world.surgut,
        author=member,
        title="Двор",
        status="submitted",
        submitted_at=timezone.now(),
    )
    Application.objects.create(
        contest=contest,
        version=version,
        kind="individual",
        municipality=world.surgut,
        author=member,
        title="Моя идея",
    )
    GroupInvitation.objects.create(
        group=group,
        email="member@example.org",
        token="t" * 40,
        created_at=timezone.now(),
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )
    exported = export_sections()["budgeting"](member)
    assert [g["name"] for g in exported["initiative_groups"]] == [group.name]
    assert {a["title"] for a in exported["budget_applications"]} == {"Двор", "Моя идея"}
    assert len(exported["group_invitations"]) == 1

    deletion_hooks()["budgeting"](member)
    assert not GroupMember.objects.filter(user=member).exists()
    assert not GroupInvitation.objects.exists()
    assert list(Application.objects.values_list("pk", flat=True)) == [submitted.pk]


def test_the_cabinet_lists_my_initiatives(client, world):
    group = add_group(world.resident, world.surgut)
    client.force_login(world.resident)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert group.name in page
