"""Named permissions of crowdsourcing campaigns (docs/ideas.md, "Campaigns").

The calendar drives them (STYLE.md, example 6): each stage's predicate compares the campaign's
dates with `timezone.now()`, so filing, rating and selecting open and close by date with no job
switching anything. An idea's rules read its campaign (`idea.campaign`, select it with the idea).

- The organizer's side — the municipal admin of the campaign's municipality, or a regional admin
  (a region-wide campaign: the regional admin only) — creates and edits it, names its experts and
  publishes its results during the results stage.
- A resident with a confirmed e-mail files ideas into a published campaign while it collects
  them, and rates the published ideas of others (1–5) during the discussion stage.
- An expert of the campaign (a membership that needs the platform role «expert» covering its
  territory, docs/permissions.md "Roles on objects") selects ideas during the selection stage.
"""

import rules
from django.utils import timezone

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import (
    is_municipal_admin,
    is_municipal_admin_of,
    is_regional_admin,
    municipality_scope,
    role_assignments,
)

from .models import UNPUBLISHED, Campaign, CampaignExpert, Idea, Stage


def campaign_of(obj) -> Campaign | None:
    """The campaign itself, or the campaign of an idea (None for an idea outside campaigns)."""
    if isinstance(obj, Campaign):
        return obj
    if isinstance(obj, Idea) and obj.campaign_id is not None:
        return obj.campaign
    return None


def stage_is(stage: str) -> rules.Predicate:
    @rules.predicate(name=f"campaign_stage_is_{stage}")
    def predicate(user, obj) -> bool:
        campaign = campaign_of(obj)
        return campaign is not None and campaign.stage_at(timezone.now()) == stage

    return predicate


in_collecting = stage_is(Stage.COLLECTING)
in_discussion = stage_is(Stage.DISCUSSION)
in_selection = stage_is(Stage.SELECTION)
in_results = stage_is(Stage.RESULTS)


@rules.predicate
def manages_campaign(user, obj) -> bool:
    """A regional admin, or the municipal admin of the campaign's municipality."""
    campaign = campaign_of(obj)
    if campaign is None:
        return False
    return is_regional_admin(user) or is_municipal_admin_of(user, campaign.municipality)


@rules.predicate
def campaign_is_published(user, obj) -> bool:
    campaign = campaign_of(obj)
    return campaign is not None and campaign.is_published


@rules.predicate
def results_not_published(user, obj) -> bool:
    campaign = campaign_of(obj)
    return campaign is not None and campaign.results_published_at is None


def holds_expert_role(user, campaign: Campaign) -> bool:
    """The platform role «expert» covering the campaign's territory (region-wide for a
    region-wide campaign)."""
    if not any(a.role == Role.EXPERT for a in role_assignments(user)):
        return False
    scope = municipality_scope(user, Role.EXPERT)
    return scope is None or campaign.municipality_id in scope


def expert_campaign_ids(user) -> set[int]:
    """The campaigns the user is an expert of, read once per request and kept on the user."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_veche_expert_of", None)
    if cached is None:
        cached = set(CampaignExpert.objects.filter(user=user).values_list("campaign_id", flat=True))
        user._veche_expert_of = cached
    return cached


@rules.predicate
def is_campaign_expert(user, obj) -> bool:
    campaign = campaign_of(obj)
    return (
        campaign is not None
        and campaign.pk in expert_campaign_ids(user)
        and holds_expert_role(user, campaign)
    )


@rules.predicate
def idea_is_public(user, idea) -> bool:
    return isinstance(idea, Idea) and idea.status not in UNPUBLISHED


@rules.predicate
def is_idea_author(user, idea) -> bool:
    return isinstance(idea, Idea) and user.is_authenticated and idea.author_id == user.pk


rules.add_perm("ideas.view_campaign", campaign_is_published | manages_campaign)
# Who may start a campaign at all (the page's button); the territory is checked on the object.
rules.add_perm("ideas.organize_campaigns", is_municipal_admin | is_regional_admin)
rules.add_perm("ideas.manage_campaign", manages_campaign)
rules.add_perm("ideas.view_verdicts", manages_campaign | is_campaign_expert)
rules.add_perm(
    "ideas.file_idea_in_campaign", can_participate & campaign_is_published & in_collecting
)
rules.add_perm(
    "ideas.rate_idea",
    can_participate & idea_is_public & campaign_is_published & in_discussion & ~is_idea_author,
)
rules.add_perm("ideas.judge_idea", is_campaign_expert & idea_is_public & in_selection)
rules.add_perm("ideas.publish_results", manages_campaign & in_results & results_not_published)
