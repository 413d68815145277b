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
        "/discussions/",
        "/discussions/?phase=closed",
        "/discussions/{discussion}/",
        "/discussions/{discussion}/sections/{discussion_section}/",
        "/discussions/{discussion}/versions/2/",
        "/discussions/{reported_discussion}/report/",
        "/budgeting/",
        "/budgeting/{contest}/",
        "/budgeting/applications/{admitted_application}/",
        "/budgeting/invitations/{invitation}/",
        "/budgeting/realized/",
        "/budgeting/realized/map/",
        "/budgeting/realized/{realized_project}/",
        "/budgeting/{voting_contest}/voting/",
        "/budgeting/{voted_contest}/results/",
        "/budgeting/{signing_contest}/sheet/",
        "/objects/",
        "/objects/map/",
        "/analytics/",
        "/analytics/ratings/",
        "/points/",
        "/points/ambassadors/",
        "/community/projects/",
        "/community/grants/{grant_contest}/",
        "/news/",
        "/events/",
        "/events/month/",
        "/about/",
        "/materials/",
        "/help/",
        "/activities/",
        "/search/?q=яма",
        "/opendata/",
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
        "/budgeting/groups/new/",
        "/budgeting/groups/{budget_group}/",
        "/budgeting/groups/{budget_group}/leader/",
        "/budgeting/applications/{draft_application}/edit/",
        "/budgeting/applications/{revision_application}/",
        "/budgeting/{voting_contest}/voting/",
        "/polls/{poll}/",
        "/discussions/{discussion}/",
        "/accounts/cabinet/",
        "/points/mine/",
        "/points/invite/",
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
        "/community/ngos/{ngo}/news/",
    ],
    "official": [
        "/workspace/reports/inbox/",
        "/workspace/reports/{routed}/",
        "/ideas/{taken_idea}/",
    ],
    "regional_admin": [
        "/staff/",
        "/staff/municipalities/{municipality}/",
        "/content/work/open-government/",
        "/content/work/open-government/{municipality_id}/",
        "/ideas/campaigns/{campaign}/",
        "/ideas/campaigns/new/",
        "/discussions/manage/",
        "/discussions/new/",
        "/discussions/{discussion}/edit/",
        "/discussions/{discussion}/text/",
        "/discussions/{answering_discussion}/answers/",
        "/ideas/campaigns/{closing_campaign}/results/",
        "/voting/points/",
        "/voting/points/new/",
        "/voting/points/{voting_point}/",
        "/voting/points/{voting_point}/members/",
        "/polls/manage/",
        "/polls/{poll}/edit/",
        "/polls/questions/{poll_question}/",
        "/budgeting/",
        "/budgeting/new/",
        "/budgeting/{contest_draft}/",
        "/budgeting/{contest_draft}/edit/",
        "/budgeting/{contest_draft}/stages/",
        "/budgeting/{contest_draft}/documents/",
        "/budgeting/{contest_draft}/template/",
        "/budgeting/{contest_draft}/template/fields/field-2/",
        "/budgeting/{contest_draft}/criteria/",
        "/budgeting/{contest}/",
        "/budgeting/{contest}/review/",
        "/budgeting/{contest}/reviewers/",
        "/budgeting/{scoring_contest}/commission/",
        "/budgeting/{contest_draft}/checklist/",
        "/budgeting/applications/{submitted_application}/",
        "/budgeting/applications/{revision_application}/revisions/",
        "/budgeting/realized/import/",
        "/budgeting/realized/completeness/",
        "/budgeting/realized/winners/",
        "/budgeting/realized/new/",
        "/budgeting/realized/{realized_project}/edit/",
        "/budgeting/realized/{realized_project}/manage/",
        "/budgeting/{voting_contest}/voting/terms/",
        "/budgeting/{voting_contest}/voting/signals/",
        "/budgeting/{voted_contest}/results/",
    ],
    "expert": [
        "/ideas/campaigns/{selection_campaign}/",
        "/budgeting/{scoring_contest}/scoring/",
        "/budgeting/scoring/{assignment}/",
        "/budgeting/{signing_contest}/sheet/",
        "/budgeting/certificates/",
    ],
    "operator": [
        "/polls/{poll}/paper/",
        "/budgeting/{voting_contest}/voting/paper/",
        "/objects/{voted_object}/vote/paper/",
    ],
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
    names |= _discussions(town, resident)
    names |= _budgeting(town, resident)
    names |= _realized(town)
    names |= _commission(town, people["expert"], resident)
    names |= _objects(town)
    names |= _community(town)
    point = VotingPointFactory(municipality=town, title="МФЦ Сургута")
    VotingPointMemberFactory(point=point, user=people["operator"])
    yield (
        people,
        names | {"municipality": town.slug, "municipality_id": town.pk, "voting_point": point.pk},
    )
    unregister_source(things.kind)
    clear_cache()


def _objects(town) -> dict:
    """An infrastructure object put to the residents' vote (the operator's paper-vote page)."""
    import datetime

    from django.utils import timezone

    from veche.infrastructure.tests.factories import FacilityFactory

    now = timezone.now()
    voted = FacilityFactory(
        municipality=town,
        vote_opens=now - datetime.timedelta(days=1),
        vote_closes=now + datetime.timedelta(days=5),
    )
    return {"voted_object": voted.pk}


def _community(town) -> dict:
    """An NGO in the registry (its news form) and a grants contest with a project."""
    from datetime import timedelta

    from django.utils import timezone

    from veche.budgeting.tests.factories import ContestFactory, add_template
    from veche.community.models import GrantContest
    from veche.community.services import grant_apply
    from veche.community.tests.factories import organization

    contest = ContestFactory(title="Гранты жителям", accepts_individuals=True, accepts_groups=False)
    add_template(contest)
    grants = GrantContest.objects.create(
        contest=contest, public_until=timezone.localdate() + timedelta(days=20), goal=2000
    )
    grant_apply(
        user=UserFactory(),
        grant_contest=grants,
        date_of_birth=timezone.localdate().replace(year=2000, month=1, day=1),
        title="Школьный музей",
        direction="memory",
    )
    return {"ngo": organization(municipality=town).pk, "grant_contest": grants.pk}


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


def _discussions(town, resident) -> dict:
    """An open draft in its second version with passages and a proposal, a closed one whose
    proposals await answers, and one with its final report published."""
    from veche.discussions import services
    from veche.discussions.services import SectionEdit
    from veche.discussions.tests.factories import closed, draft_with, published_comment

    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    draft = draft_with(municipality=town, organizer=admin)
    first, second, third = draft.sections.order_by("position")
    published_comment(
        draft=draft,
        author=resident,
        section=second,
        passage="Снег вывозится",
        is_proposal=True,
        wording="В течение 12 часов.",
    )
    services.version_publish(
        user=admin,
        draft=draft,
        sections=[
            SectionEdit(first.pk, first.heading, "Правила действуют на всей территории."),
            SectionEdit(
                second.pk, second.heading, "Дворы убираются ежедневно. Снег вывозится за 12 часов."
            ),
        ],
    )
    answering = closed(draft_with(municipality=town))
    published_comment(draft=answering, author=resident, is_proposal=True, wording="Иначе.")
    reported = draft_with(municipality=town)
    note = published_comment(
        draft=reported,
        author=resident,
        section=reported.sections.first(),
        is_proposal=True,
        wording="Иначе.",
    )
    reported = closed(reported)
    services.proposal_answer(user=admin, note=note, outcome="rejected", reason="Не по закону.")
    services.report_publish(user=admin, draft=reported, summary="Спасибо.")
    return {
        "discussion": draft.pk,
        "discussion_section": third.pk,
        "answering_discussion": answering.pk,
        "reported_discussion": reported.pk,
    }


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


def _realized(town) -> dict:
    """A realized project in implementation (the staff page shows every step's form) with a
    timeline, and the completeness figure of its year."""
    from veche.realized.models import ProjectUpdate, RealizedCount
    from veche.realized.tests.factories import ProjectFactory

    project = ProjectFactory(municipality=town, status="in_implementation", year=2025)
    ProjectUpdate.objects.create(project=project, kind="started", text="Передан в работу.")
    ProjectFactory(municipality=town, year=2024, refund_residents=1000)
    RealizedCount.objects.create(municipality=town, year=2025, realized=3)
    return {"realized_project": project.pk}


def _budgeting(town, resident) -> dict:
    """A published contest taking applications with its form and criteria, and a regional draft
    without stages (the builder's checklist shows) with a draft template and a criterion."""
    from veche.budgeting.models import Criterion
    from veche.budgeting.tests.factories import ContestFactory, DraftContestFactory, add_template

    contest = ContestFactory(municipality=town, min_share_municipality=10)
    add_template(contest).fields.create(key="field-4", kind="location", label="Место", position=4)
    Criterion.objects.create(contest=contest, title="Значимость", max_score=10, position=1)
    contest.checklist.create(text="Протокол собрания подписан", position=1)
    draft = DraftContestFactory(municipality=None, stage="")
    add_template(draft, published=False)
    Criterion.objects.create(
        contest=draft,
        title="Голоса",
        max_score=5,
        source="vote",
        formula="votes_relative",
        position=1,
    )
    draft.checklist.create(text="Смета приложена", position=1)
    return (
        {"contest": contest.pk, "contest_draft": draft.pk}
        | _applications(contest, resident)
        | _voting(town, resident)
    )


def _voting(town, resident) -> dict:
    """A contest in its public voting (the resident voted, from a shared network) and one whose
    winners are computed, with a skip and a paper subtotal."""
    from veche.budgeting import stages
    from veche.budgeting.models import VotingResult
    from veche.budgeting.services.results import decide
    from veche.budgeting.services.voting import Trace, vote_cast
    from veche.budgeting.tests.factories import voting_contest

    voting, apps = voting_contest(projects=(900000, 1200000, 450000), max_choices=2)
    voting.municipality = town
    voting.save()
    for voter in (resident, UserFactory(), UserFactory(), UserFactory()):
        vote_cast(voter=voter, application=apps[0], trace=Trace(network="203.0.113.9"))
    voted, done = voting_contest(
        projects=(900000, 700000, 300000), stage=stages.RESULTS, budget=1000000
    )
    voted.municipality = town
    voted.save()
    from veche.budgeting.models import VoteTally

    for app, votes in zip(done, (12, 9, 4), strict=True):
        VoteTally.objects.filter(pk=app.pk).update(votes=votes)
    decisions, seed = decide(voted)
    VotingResult.objects.create(
        contest=voted,
        ranking="votes",
        method="greedy",
        tie_rule="earlier",
        seed=seed,
        decisions=[d.as_json() for d in decisions],
        computed_at=voted.stages.get(kind=stages.RESULTS).starts_at,
    )
    return {"voting_contest": voting.pk, "voted_contest": voted.pk}


def _commission(town, expert, resident) -> dict:
    """A contest being scored and one whose evaluation sheet awaits signatures (issue 13)."""
    from veche.budgeting.tests.commission_helpers import axe_world

    return axe_world(town, expert, resident)


def _applications(contest, resident) -> dict:
    """A group of the resident with applications: a draft, one submitted, one on revision
    (two revisions and a remark), one admitted; an invitation by link."""
    from django.utils import timezone

    from veche.accounts.tests.factories import UserFactory
    from veche.budgeting.models import Application, ApplicationRevision, RevisionRemark
    from veche.budgeting.services.groups import group_invite
    from veche.budgeting.tests.factories import add_group

    group = add_group(resident, contest.municipality, UserFactory())  # one to hand the lead to
    version = contest.template_versions.get()

    def application(status, **fields):
        return Application.objects.create(
            contest=contest,
            version=version,
            kind="group",
            group=group,
            municipality=contest.municipality,
            author=resident,
            title=f"Двор: {status}",
            status=status,
            answers={"field-1": "Двор на Ленина", "field-2": "1000000"},
            submitted_at=None if status == "draft" else timezone.now(),
            **fields,
        )

    revision = application("revision", revision_count=2, revision_due=timezone.now())
    for number in (1, 2):
        made = ApplicationRevision.objects.create(
            application=revision,
            number=number,
            version=version,
            title=revision.title,
            answers={"field-1": f"Двор {number}"},
            submitted_at=timezone.now(),
        )
    RevisionRemark.objects.create(revision=made, key="field-1", text="Уточните адрес.")
    return {
        "budget_group": group.pk,
        "draft_application": application("draft").pk,
        "submitted_application": application("submitted").pk,
        "revision_application": revision.pk,
        "admitted_application": application("admitted").pk,
        "invitation": group_invite(user=resident, group=group).token,
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
