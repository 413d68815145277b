"""Proposals to the catalogue: proposing (with a daily limit), accepting as a topic, declining
with a reason; only a regional admin reviews, and every refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.events.models import Event
from veche.notifications.models import Notification
from veche.reports import services
from veche.reports.models import CatalogueProposal, Category, Topic
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory


@pytest.fixture
def admins(world):
    world.regional_admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    world.municipal_admin = RoleAssignmentFactory(
        role=Role.MUNICIPAL_ADMIN, municipality=world.surgut
    ).user
    return world


def propose_topic(world, **extra):
    data = {
        "kind": CatalogueProposal.Kind.TOPIC,
        "name": "Бродячие собаки",
        "reason": "Стаи у школ, некуда сообщить.",
        "category": world.topic.category,
        **extra,
    }
    return services.catalogue_propose(author=world.neighbour, **data)


def state():
    return (
        list(CatalogueProposal.objects.values_list("pk", "state", "topic_id")),
        Topic.objects.count(),
        Category.objects.count(),
        Event.objects.count(),
        Notification.objects.count(),
        StaffAuditLog.objects.count(),
    )


def test_a_resident_proposes_a_topic(world):
    proposal = propose_topic(world)
    assert proposal.state == CatalogueProposal.State.PENDING
    assert proposal.author == world.neighbour
    assert Event.objects.filter(kind="reports.catalogue_proposed").count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"category": None}, "category"), ({"name": " "}, "name"), ({"reason": ""}, "reason")],
)
def test_bad_proposals_are_refused_and_change_nothing(world, extra, field):
    before = state()
    with pytest.raises(ValidationError) as refusal:
        propose_topic(world, **extra)
    assert field in refusal.value.message_dict
    assert state() == before


def test_an_unconfirmed_account_cannot_propose(world):
    before = state()
    with pytest.raises(PermissionDenied):
        services.catalogue_propose(
            author=world.unconfirmed, kind="category", name="Экология", reason="Свалки"
        )
    assert state() == before


def test_proposals_are_limited_per_day(world, settings):
    settings.CATALOGUE_PROPOSALS_PER_DAY = 2
    propose_topic(world, name="Первая")
    propose_topic(world, name="Вторая")
    before = state()
    with pytest.raises(ValidationError) as refusal:
        propose_topic(world, name="Третья")
    assert refusal.value.code == "rate_limited"
    assert state() == before


def accept(world, proposal, user, **extra):
    data = {
        "category": None,
        "name": proposal.name,
        "deadline_days": 7,
        "deadline_kind": Topic.DeadlineKind.WORKING,
        **extra,
    }
    return services.catalogue_proposal_accept(admin=user, proposal=proposal, **data)


def test_the_regional_admin_accepts_a_topic_and_the_proposer_is_told(admins):
    proposal = propose_topic(admins)
    topic = accept(admins, proposal, admins.regional_admin, name="Безнадзорные собаки")
    proposal.refresh_from_db()
    assert proposal.state == CatalogueProposal.State.ACCEPTED and proposal.topic == topic
    assert topic.category == admins.topic.category and topic.deadline_days == 7
    assert topic.name == "Безнадзорные собаки" and topic.service_code
    notice = Notification.objects.get(user=admins.neighbour, kind="catalogue_proposal")
    assert "Безнадзорные собаки" in notice.body_text
    assert StaffAuditLog.objects.filter(action="reports.catalogue_proposal_accept").count() == 1
    assert Event.objects.filter(kind="reports.catalogue_proposal_accepted").count() == 1


def test_an_accepted_category_is_created_with_its_first_topic(admins):
    proposal = services.catalogue_propose(
        author=admins.neighbour, kind="category", name="Экология", reason="Свалки в лесу"
    )
    topic = accept(admins, proposal, admins.regional_admin, name="Несанкционированная свалка")
    assert topic.category.name == "Экология"


def test_the_regional_admin_declines_with_a_reason(admins):
    proposal = propose_topic(admins)
    with pytest.raises(ValidationError):
        services.catalogue_proposal_decline(
            admin=admins.regional_admin, proposal=proposal, reason="  "
        )
    services.catalogue_proposal_decline(
        admin=admins.regional_admin, proposal=proposal, reason="Есть тема «Животные»"
    )
    proposal.refresh_from_db()
    assert proposal.state == CatalogueProposal.State.DECLINED
    notice = Notification.objects.get(user=admins.neighbour, kind="catalogue_proposal")
    assert "Есть тема «Животные»" in notice.body_text
    assert StaffAuditLog.objects.filter(action="reports.catalogue_proposal_decline").count() == 1


def test_a_reviewed_proposal_cannot_be_reviewed_again(admins):
    proposal = propose_topic(admins)
    accept(admins, proposal, admins.regional_admin)
    before = state()
    with pytest.raises(ValidationError):
        services.catalogue_proposal_decline(
            admin=admins.regional_admin, proposal=proposal, reason="Нет"
        )
    with pytest.raises(ValidationError):
        accept(admins, proposal, admins.regional_admin, name="Другая")
    assert state() == before


@pytest.mark.parametrize(
    "name", ["neighbour", "moderator", "region_moderator", "official", "head", "municipal_admin"]
)
def test_nobody_but_the_regional_admin_reviews(admins, name):
    proposal = propose_topic(admins)
    user = getattr(admins, name)
    before = state()
    with pytest.raises(PermissionDenied):
        accept(admins, proposal, user)
    with pytest.raises(PermissionDenied):
        services.catalogue_proposal_decline(admin=user, proposal=proposal, reason="Нет")
    assert state() == before
