"""The back office: rejection reasons edited; ideas read-only, changed only through services."""

import pytest

from veche.accounts.tests.factories import StaffUserFactory
from veche.ideas.models import IdeaTimelineEntry, Status
from veche.ideas.tests.factories import IdeaFactory
from veche.staff.models import StaffAuditLog


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


def test_rejection_reasons_are_managed_in_the_back_office(admin_client, world):
    assert admin_client.get("/admin/ideas/idearejectionreason/").status_code == 200
    assert admin_client.get("/admin/ideas/idearejectionreason/add/").status_code == 200


def test_ideas_are_published_and_edited_through_the_services(admin_client, world):
    idea = IdeaFactory(municipality=world.surgut, title="Сквер", text="Звоните Иванову 8-900")
    assert admin_client.get(f"/admin/ideas/idea/{idea.pk}/change/").status_code == 200
    assert admin_client.get("/admin/ideas/idea/add/").status_code == 403
    admin_client.post(
        "/admin/ideas/idea/",
        {"action": "publish", "_selected_action": [idea.pk]},
    )
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED
    admin_client.post(
        f"/admin/ideas/idea/{idea.pk}/change/",
        {"title": "Сквер", "text": "Разбить сквер.", **_inline_management()},
    )
    idea.refresh_from_db()
    assert idea.text == "Разбить сквер."
    assert IdeaTimelineEntry.objects.filter(idea=idea, kind="edit").exists()
    assert StaffAuditLog.objects.filter(action="ideas.edited", target_id=str(idea.pk)).exists()


def _inline_management() -> dict:
    prefix = "timeline"
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "0",
    }
