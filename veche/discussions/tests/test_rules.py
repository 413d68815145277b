"""Who may do what with a draft, as a matrix: role × moment (open, closed, report published)."""

import pytest

from .factories import closed, draft_with

ORGANIZE = {
    "mayor_office": True,  # municipal admin of the draft's municipality
    "urai_mayor_office": False,  # municipal admin of another territory
    "regional_admin": True,
    "agency_head": True,  # head of the authority that wrote it
    "other_head": False,
    "moderator": False,
    "anna": False,
}


@pytest.mark.parametrize(("who", "allowed"), ORGANIZE.items())
def test_change_draft(world, who, allowed):
    draft = draft_with(municipality=world.surgut, agency=world.agency)
    assert getattr(world, who).has_perm("discussions.change_draft", draft) is allowed


def test_an_agency_head_organizes_only_his_agencys_drafts(world):
    region_wide = draft_with(municipality=None, agency=world.other_agency)
    assert not world.agency_head.has_perm("discussions.change_draft", region_wide)
    assert world.other_head.has_perm("discussions.change_draft", region_wide)
    assert not world.mayor_office.has_perm("discussions.change_draft", region_wide)


@pytest.mark.parametrize(
    ("who", "open_", "closed_"),
    [("anna", True, False), ("unconfirmed", False, False), ("mayor_office", True, False)],
)
def test_comment_and_rate(world, who, open_, closed_):
    user = getattr(world, who)
    draft = draft_with(municipality=world.surgut)
    assert user.has_perm("discussions.comment_draft", draft) is open_
    assert user.has_perm("discussions.rate_draft", draft) is open_
    draft = closed(draft)
    assert user.has_perm("discussions.comment_draft", draft) is closed_
    assert user.has_perm("discussions.rate_draft", draft) is closed_


def test_answers_only_after_closing_and_before_the_report(world):
    draft = draft_with(municipality=world.surgut)
    assert not world.mayor_office.has_perm("discussions.answer_proposal", draft)
    draft = closed(draft)
    assert world.mayor_office.has_perm("discussions.answer_proposal", draft)
    assert not world.urai_mayor_office.has_perm("discussions.answer_proposal", draft)
    assert not world.anna.has_perm("discussions.answer_proposal", draft)
    from django.utils import timezone

    draft.report_published_at = timezone.now()
    assert not world.mayor_office.has_perm("discussions.answer_proposal", draft)
    assert world.anna.has_perm("discussions.view_report", draft)


def test_a_draft_in_preparation_is_seen_by_its_organizers_only(world, client):
    from django.contrib.auth.models import AnonymousUser

    draft = draft_with(municipality=world.surgut, status="preparation", published_at=None)
    assert world.mayor_office.has_perm("discussions.view_draft", draft)
    assert not world.anna.has_perm("discussions.view_draft", draft)
    assert not AnonymousUser().has_perm("discussions.view_draft", draft)
    assert client.get(draft.get_absolute_url()).status_code == 404
