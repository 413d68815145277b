"""An accepted proposal of a new category creates the category (audited, told), and every
proposal that proposed it links to it; only the regional administration adds categories."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.events.models import Event
from veche.infrastructure.models import Category, Proposal
from veche.infrastructure.services.residents import proposal_decide
from veche.staff.models import StaffAuditLog

from .factories import CategoryFactory
from .test_residents import propose

pytestmark = pytest.mark.django_db


def _proposals(world):
    first = propose(world, category=None, new_category="Велодорожки")
    again = propose(
        world, category=None, new_category="велодорожки", lat=world.surgut.centre_lat + 0.01
    )
    other = propose(
        world, category=None, new_category="Фонтаны", lat=world.surgut.centre_lat + 0.02
    )
    return first, again, other


def test_an_accepted_new_category_proposal_creates_the_category_and_links_its_proposals(world):
    first, again, other = _proposals(world)
    before = Category.objects.count()

    first = proposal_decide(user=world.regional_admin, proposal=first, accept=True)

    assert Category.objects.count() == before + 1
    category = Category.objects.get(name="Велодорожки")
    assert first.category_created == category and first.status == "accepted"
    again.refresh_from_db()
    other.refresh_from_db()
    assert again.category_created == category and again.status == "pending"  # linked, undecided
    assert other.category_created is None
    assert set(category.proposed_by.all()) == {first, again}
    audit = StaffAuditLog.objects.get(action="infrastructure.category_create")
    assert (audit.actor, audit.details) == (
        world.regional_admin,
        {"name": "Велодорожки", "proposal": first.pk},
    )
    accepted = StaffAuditLog.objects.get(action="infrastructure.proposal_accepted")
    assert accepted.details["category"] == category.pk and accepted.details["category_created"]
    assert Event.objects.filter(kind="infrastructure.category_created").count() == 1


def test_a_category_of_that_name_already_there_is_linked_not_duplicated(world):
    existing = CategoryFactory(name="Велодорожки", slug="bike")
    first, _again, _other = _proposals(world)
    before = Category.objects.count()
    first = proposal_decide(user=world.regional_admin, proposal=first, accept=True)
    assert first.category_created == existing and Category.objects.count() == before
    assert not StaffAuditLog.objects.filter(action="infrastructure.category_create").exists()


def test_a_municipal_admin_cannot_add_a_category(world):
    first, _again, _other = _proposals(world)
    before = Category.objects.count()
    with pytest.raises(PermissionDenied, match="администрация округа"):
        proposal_decide(user=world.surgut_admin, proposal=first, accept=True)
    assert Category.objects.count() == before
    first.refresh_from_db()
    assert (first.status, first.category_created) == ("pending", None)
    assert not StaffAuditLog.objects.exists()


def test_the_proposal_page_links_the_category_created(client, world):
    first, _again, _other = _proposals(world)
    Proposal.objects.update(status="published")
    proposal_decide(user=world.regional_admin, proposal=first, accept=True)
    category = Category.objects.get(name="Велодорожки")
    page = client.get(first.get_absolute_url()).content.decode()
    assert f"?category={category.pk}" in page
