"""In Chromium: axe-core finds nothing on the operator's paper-vote page (empty and with its
errors), on the object page with web and paper counts and a published rating comment, and on a
proposal page linking the category it created."""

import datetime

import pytest
from django.utils import timezone

from veche.comments.services import comment_approve
from veche.infrastructure.models import Status
from veche.infrastructure.services.residents import (
    facility_rate,
    proposal_decide,
    proposal_submit,
)
from veche.infrastructure.services.votes import facility_vote_paper
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.territory.tests.factories import SettlementFactory
from veche.voting.tests.factories import VotingPointFactory, VotingPointMemberFactory

from ..factories import FacilityFactory
from .test_residents import logged_in

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_paper_votes_rating_comments_and_created_categories_pass_axe(
    new_page, live_server, axe_check, world
):
    now = timezone.now()
    voted = FacilityFactory(
        municipality=world.surgut,
        vote_opens=now - datetime.timedelta(days=1),
        vote_closes=now + datetime.timedelta(days=5),
    )
    point = VotingPointFactory(municipality=world.surgut, title="МФЦ Сургута")
    operator = RoleAssignmentFactory(role=Role.OPERATOR, municipality=world.surgut).user
    VotingPointMemberFactory(point=point, user=operator)
    facility_vote_paper(
        actor=operator,
        point=point,
        facility=voted,
        phone="+79120001122",
        settlement=SettlementFactory(municipality=world.surgut),
    )
    page = logged_in(new_page, live_server, operator)
    page.goto(f"{live_server.url}{voted.get_absolute_url()}")
    expect(page.get_by_text("на бумаге в пунктах голосования: 1")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Внести бумажные голоса").click()
    axe_check(page)
    page.get_by_role("button", name="Учесть голос").click()
    expect(page.get_by_role("alert")).to_be_focused()
    axe_check(page)

    completed = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED, progress=100)
    rating = facility_rate(user=world.resident, facility=completed, score=5, comment="Отлично")
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut).user
    comment_approve(moderator=moderator, comment=rating.comment)
    page.goto(f"{live_server.url}{completed.get_absolute_url()}")
    expect(page.get_by_text("Отлично")).to_be_visible()
    axe_check(page)

    proposal = proposal_submit(
        author=world.resident,
        title="Велодорожка вдоль реки",
        reason="Нужна",
        new_category="Велодорожки",
        lat=world.surgut.centre_lat,
        lon=world.surgut.centre_lon,
    )
    proposal_decide(user=world.regional_admin, proposal=proposal, accept=True)
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    expect(page.get_by_role("link", name="Велодорожки")).to_be_visible()
    axe_check(page)
