"""Notices of crowdsourcing campaigns. When the organizer publishes the results, the author of
each winning idea hears of his award and why; every other participant (who filed, commented or
rated) hears that the results are out. The organizer who published them hears nothing."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from veche.notifications.messages import Message, subject
from veche.notifications.services import claim, notify
from veche.notifications.text import msg

from .. import campaign_selectors
from ..models import Campaign, CampaignAward

PARTICIPANT = msg(gettext_noop("You receive this letter because you took part in this campaign."))


def _title(campaign: Campaign, title: dict) -> dict:
    return msg(
        gettext_noop("Campaign «%(campaign)s»: %(what)s"), campaign=campaign.title, what=title
    )


def winner_message(campaign: Campaign, award: CampaignAward) -> Message:
    return Message(
        kind="ideas.campaign_winner",
        title=_title(campaign, msg(gettext_noop("your idea is among the winners"))),
        text=[
            msg(gettext_noop("Idea: %(title)s"), title=award.idea.title),
            msg(gettext_noop("Award: %(award)s"), award=award.award),
            msg(gettext_noop("Why: %(reason)s"), reason=award.reason),
        ],
        link=reverse("ideas:campaign", args=[campaign.pk]),
        reason=PARTICIPANT,
        **subject(campaign),
    )


def results_message(campaign: Campaign, winners: int) -> Message:
    return Message(
        kind="ideas.campaign_results",
        title=_title(campaign, msg(gettext_noop("the results are published"))),
        text=[msg(gettext_noop("Winning ideas: %(count)s."), count=winners)],
        link=reverse("ideas:campaign", args=[campaign.pk]) + "#results",
        reason=PARTICIPANT,
        **subject(campaign),
    )


def deliver(*, kind: str, campaign_id: int) -> int:
    """Tell the winners and the participants; returns how many people were told. A retried
    task finds its key claimed and sends nothing again."""
    with transaction.atomic():
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None or kind != "results" or campaign.results_published_at is None:
            return 0
        if not claim(f"ideas:campaign:{kind}:{campaign_id}"):
            return 0
        awards = campaign_selectors.awards(campaign)
        told = {campaign.organizer_id}
        count = 0
        for award in awards:
            author = award.idea.author
            if author.pk in told or not author.is_active or author.deleted_at:
                continue
            told.add(author.pk)
            count += notify(recipients=[author], message=winner_message(campaign, award))
        others = [u for u in campaign_selectors.participants(campaign) if u.pk not in told]
        if others:
            count += notify(recipients=others, message=results_message(campaign, len(awards)))
        return count
