"""An accepted proposal becomes an object: a draft at its point, or an existing object linked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.infrastructure.models import Facility, HistoryEntry, Proposal, Status, WorkType
from veche.infrastructure.services.residents import proposal_decide
from veche.staff.models import StaffAuditLog

from .factories import FacilityFactory
from .test_residents import propose


def test_an_accepted_proposal_creates_a_draft_object_at_its_point(world):
    proposal = propose(world, address="ул. Ленина, 1")
    before = Facility.objects.count()
    proposal = proposal_decide(user=world.surgut_admin, proposal=proposal, accept=True)
    assert Facility.objects.count() == before + 1
    draft = proposal.facility
    assert draft.source_id == f"proposal-{proposal.pk}"
    assert (draft.name, draft.address, draft.category) == (
        "Светофор у школы",
        "ул. Ленина, 1",
        world.roads,
    )
    assert (draft.lat, draft.lon, draft.shape) == (proposal.lat, proposal.lon, "point")
    assert draft.municipality == world.surgut
    assert list(draft.crossed.all()) == [world.surgut]
    assert (draft.status, draft.work_type, draft.progress) == (
        Status.PLANNED,
        WorkType.CONSTRUCTION,
        0,
    )
    assert draft.description == proposal.reason
    history = HistoryEntry.objects.get(facility=draft)
    assert (history.source, history.author) == ("created", world.surgut_admin)
    audit = StaffAuditLog.objects.get(action="infrastructure.proposal_accepted")
    assert audit.details == {"reason": "", "facility": draft.pk, "created": True}
    # Found by the list's Russian search.
    from veche.infrastructure.selectors import Filters, facility_list

    assert draft in facility_list(Filters(q="светофоры"))


def test_an_accepted_proposal_links_to_an_object_its_decider_keeps(world):
    existing = FacilityFactory(municipality=world.surgut)
    elsewhere = FacilityFactory(municipality=world.urai)
    proposal = propose(world)
    before = Facility.objects.count()
    with pytest.raises(PermissionDenied):  # an object of another territory
        proposal_decide(user=world.surgut_admin, proposal=proposal, accept=True, facility=elsewhere)
    with pytest.raises(ValidationError):  # a declined proposal is linked to nothing
        proposal_decide(
            user=world.surgut_admin,
            proposal=proposal,
            accept=False,
            reason="Нет",
            facility=existing,
        )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.facility) == ("pending", None)
    proposal = proposal_decide(
        user=world.surgut_admin, proposal=proposal, accept=True, facility=existing
    )
    assert proposal.facility == existing
    assert Facility.objects.count() == before
    audit = StaffAuditLog.objects.get(action="infrastructure.proposal_accepted")
    assert audit.details["facility"] == existing.pk and audit.details["created"] is False


def test_a_new_category_proposal_is_accepted_without_an_object(world):
    proposal = propose(world, category=None, new_category="Велодорожки")
    before = Facility.objects.count()
    proposal = proposal_decide(user=world.regional_admin, proposal=proposal, accept=True)
    assert proposal.facility is None and Facility.objects.count() == before


def test_a_declined_proposal_creates_nothing(world):
    proposal = propose(world)
    before = Facility.objects.count()
    proposal_decide(user=world.surgut_admin, proposal=proposal, accept=False, reason="Нет денег")
    assert Facility.objects.count() == before


def test_accepting_on_the_page_links_or_drafts_and_the_page_shows_the_object(client, world):
    existing = FacilityFactory(municipality=world.surgut, name="Сквер у ДК")
    first, second = propose(world), propose(world, category=world.yards)
    Proposal.objects.update(status="published")
    client.force_login(world.surgut_admin)
    page = client.get(first.get_absolute_url()).content.decode()
    assert 'name="facility"' in page
    unknown = client.post(
        f"/objects/proposals/{first.pk}/decide/",
        {"action": "accept", "facility": "99999999"},
        follow=True,
    )
    assert "нет объекта с таким номером" in unknown.content.decode()
    first.refresh_from_db()
    assert first.facility is None and first.status == "published"
    client.post(
        f"/objects/proposals/{first.pk}/decide/", {"action": "accept", "facility": existing.pk}
    )
    client.post(f"/objects/proposals/{second.pk}/decide/", {"action": "accept", "facility": ""})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.facility == existing
    assert second.facility.source_id == f"proposal-{second.pk}"
    shown = client.get(first.get_absolute_url()).content.decode()
    assert existing.get_absolute_url() in shown and "Сквер у ДК" in shown
