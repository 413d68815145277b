"""Template helpers of the campaign pages: the stage as a badge (the words say it, the colour
repeats it)."""

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from veche.core.components import badge

from ..models import Campaign, Stage

register = template.Library()

TONES = {
    Stage.COLLECTING: "success",
    Stage.DISCUSSION: "info",
    Stage.SELECTION: "accent",
    Stage.RESULTS: "warning",
}


def stage_words(campaign: Campaign) -> str:
    now = timezone.now()
    stage = campaign.stage_at(now)
    if stage is not None:
        return str(stage.label)
    if now < campaign.collecting_start:
        return _("coming")
    if now >= campaign.results_end:
        return _("finished")
    return _("between stages")


@register.simple_tag
def campaign_stage_badge(campaign: Campaign) -> SafeString:
    return badge(stage_words(campaign).capitalize(), TONES.get(campaign.stage, "neutral"))


@register.filter
def verdicts_of(verdicts: dict, idea_id: int) -> list:
    """The verdicts on one idea from a {idea id: [verdicts]} mapping."""
    return verdicts.get(idea_id, [])
