"""Every main page has 0 axe-core violations in the normal version and in the version for the
visually impaired at its largest size in each of its three colour schemes (docs/accessibility.md).

One test per version and role: the role's pages are visited in one browser page, and every
page's violations are gathered before the test fails, so one run shows all there is to fix.
"""

import pytest
from django.conf import settings
from django.test import Client

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.core.low_vision import LowVision
from veche.moderation.registry import register_source, unregister_source
from veche.moderation.tests.fakes import FakeKind
from veche.reports.models import Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory, TopicFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory
from veche.testing.browser import axe_violations, format_violations
from veche.voting.tests.factories import VotingPointFactory, VotingPointMemberFactory
from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load

pytestmark = pytest.mark.browser

VERSIONS = {
    "normal": False,
    "largest-white": LowVision(size="3", scheme="white"),
    "largest-black": LowVision(size="3", scheme="black"),
    "largest-blue": LowVision(size="3", scheme="blue"),
}
# Pages each role opens; `{published}`, `{pending}` and `{routed}` are reports of the world.
PAGES = {
    "anonymous": [
        "/",
        "/reports/",
        "/reports/map/",
        "/reports/{published}/",
        "/ideas/",
        "/ideas/map/",
        "/ideas/{idea}/",
        "/ideas/campaigns/",
        "/ideas/campaigns/{campaign}/",
        "/ideas/campaigns/{results_campaign}/",
        "/polls/",
        "/polls/{poll}/",
        "/polls/{poll}/results/",
        "/accounts/login/",
        "/accounts/register/",
        "/verification/claim/",
        "/api/v1/docs",
    ],
    "resident": [
        "/reports/new/",
        "/reports/mine/",
        "/ideas/new/",
        "/ideas/mine/",
        "/ideas/campaigns/{campaign}/",
        "/ideas/new/?campaign={collecting_campaign}",
        "/polls/{poll}/",
        "/accounts/cabinet/",
        "/notifications/",
        "/notifications/preferences/",
    ],
    "moderator": [
        "/workspace/reports/moderation/",
        "/workspace/reports/{pending}/",
        "/moderation/",
        "/ideas/{pending_idea}/",
        "/ideas/work/",
        "/ideas/from-report/",
    ],
    "official": [
        "/workspace/reports/inbox/",
        "/workspace/reports/{routed}/",
        "/ideas/{taken_idea}/",
    ],
    "regional_admin": [
        "/staff/",
        "/staff/municipalities/{municipality}/",
        "/ideas/campaigns/{campaign}/",
        "/ideas/campaigns/new/",
        "/ideas/campaigns/{closing_campaign}/results/",
        "/voting/points/",
        "/voting/points/new/",
        "/voting/points/{voting_point}/",
        "/voting/points/{voting_point}/members/",
        "/polls/manage/",
        "/polls/{poll}/edit/",
        "/polls/questions/{poll_question}/",
    ],
    "expert": ["/ideas/campaigns/{selection_campaign}/"],
    "operator": ["/polls/{poll}/paper/"],
}
# Pages another helper may not have built (yet): checked when they answer, skipped on 404.
OPTIONAL_PAGES = {"regional_admin": ["/styleguide/"]}


@pytest.fixture
def world(db):
    calendar_load()
    clear_cache()
    region = RegionFactory()
    town = MunicipalityFactory(region=region, name="Сургут")
    administration = MunicipalAdministrationFactory(administers=town, region=region)
    topic = TopicFactory()
    resident = UserFactory()
    reports = {
        "published": RoutedReportFactory(municipality=town, topic=topic, author=resident),
        "pending": ReportFactory(municipality=town, topic=topic, status=Status.SUBMITTED),
        "routed": RoutedReportFactory(municipality=town, topic=topic, agency=administration),
    }
    people = {
        "anonymous": None,
        "resident": resident,
        "moderator": RoleAssignmentFactory(role=Role.MODERATOR, municipality=town).user,
        "official": RoleAssignmentFactory(
            role=Role.OFFICIAL, agency=administration, municipality=None
        ).user,
        "regional_admin": RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        "expert": RoleAssignmentFactory(role=Role.EXPERT, municipality=town).user,
        "operator": RoleAssignmentFactory(role=Role.OPERATOR, municipality=town).user,
    }
    names = {name: report.pk for name, report in reports.items()}
    # The moderation page's cards (photo, flags, both forms) come from a kind known to tests only.
    things = FakeKind()
    things.add(town, photo_url="/static/core/favicon.svg", flags=["3 complaints"])
    register_source(things.source())
    names |= _ideas(town, administration, resident)
    names |= _campaigns(town, people["expert"])
    names |= _polls(town)
    point = VotingPointFactory(municipality=town, title="МФЦ Сургута")
    VotingPointMemberFactory(point=point, user=people["operator"])
    yield people, names | {"municipality": town.slug, "voting_point": point.pk}
    unregister_source(things.kind)
    clear_cache()


def _ideas(town, administration, author) -> dict:
    """A published idea with a point, one awaiting moderation, one taken by the administration."""
    from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory, TakenIdeaFactory

    point = {"lat": town.centre_lat, "lon": town.centre_lon}
    return {
        "idea": PublishedIdeaFactory(municipality=town, author=author, **point).pk,
        "pending_idea": IdeaFactory(municipality=town).pk,
        "taken_idea": TakenIdeaFactory(municipality=town, agency=administration).pk,
    }


def _polls(town) -> dict:
    """An open poll with a choice, a ranking and the demographics block, and a few ballots."""
    from veche.polls.models import QuestionKind
    from veche.polls.services import Response, ballot_cast
    from veche.polls.tests.factories import PollFactory, add_question

    poll = PollFactory(municipality=town, asks_demographics=True)
    choice = add_question(poll, text="Какой парк благоустроить?", options=("Парк", "Сквер"))
    ranking = add_question(poll, QuestionKind.RANKING, text="Расставьте", options=("А", "Б"))
    for voter in UserFactory.create_batch(2):
        ballot_cast(
            voter=voter,
            poll=poll,
            answers={
                choice.pk: Response(options=[choice.options.first().pk]),
                ranking.pk: Response(options=[o.pk for o in ranking.options.all()]),
            },
        )
    return {"poll": poll.pk, "poll_question": choice.pk}


def _campaigns(town, expert) -> dict:
    """Campaigns in each stage whose page shows a form: rating (discussion), the expert's
    verdict (selection), the results form (results, not yet published) and published results."""
    from veche.ideas.models import CampaignAward, CampaignExpert, IdeaRating, Stage
    from veche.ideas.tests.campaign_factories import campaign_idea, campaign_in

    def campaign(stage):
        made = campaign_in(stage, municipality=town)
        for rater in (UserFactory(), UserFactory()):
            IdeaRating.objects.create(idea=campaign_idea(made), user=rater, value=4)
        return made

    selection = campaign(Stage.SELECTION)
    CampaignExpert.objects.create(campaign=selection, user=expert)
    results = campaign(Stage.RESULTS)
    CampaignAward.objects.create(
        campaign=results, idea=results.ideas.first(), award="Диплом", reason="Лучшая оценка."
    )
    results.results_published_at = results.results_start
    results.save()
    return {
        "campaign": campaign(Stage.DISCUSSION).pk,
        "collecting_campaign": campaign(Stage.COLLECTING).pk,
        "selection_campaign": selection.pk,
        "closing_campaign": campaign(Stage.RESULTS).pk,
        "results_campaign": results.pk,
    }


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    # Tiles from our own origin (they 404 quickly): the tests never reach out to the internet.
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


def _page_as(new_page, live_server, user, version):
    page = new_page(language="ru", low_vision=version)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return page


def _check(page, path: str, *, optional: bool = False) -> str:
    """The page's violations as text ('' when clean); a page that fails to open is one too."""
    response = page.goto(path)
    if optional and response.status == 404:
        return ""
    if response.status != 200:
        return f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    return f"{path}:\n{format_violations(violations)}" if violations else ""


@pytest.mark.parametrize("version", VERSIONS.values(), ids=VERSIONS.keys())
@pytest.mark.parametrize("role", PAGES.keys())
def test_every_page_has_no_axe_violations(new_page, live_server, world, role, version):
    people, names = world
    page = _page_as(new_page, live_server, people[role], version)
    if version:  # the version really is on, at its largest size, in the scheme asked for
        page.goto("/")
        html = page.locator("html")
        assert html.get_attribute("data-lv-size") == "3"
        assert html.get_attribute("data-lv-scheme") == version.scheme
    found = [_check(page, path.format(**names)) for path in PAGES[role]]
    found += [_check(page, path, optional=True) for path in OPTIONAL_PAGES.get(role, [])]
    problems = [text for text in found if text]
    assert not problems, "\n".join(problems)
