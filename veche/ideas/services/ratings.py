"""What residents and experts do in a campaign's stages: file an idea into it while it collects
ideas, rate the ideas of others (1–5) during the discussion, and — its experts — select ideas
during the selection. The calendar decides (campaign_rules.py); a refusal says which stage does
it and when."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.staff.services import audit_log

from ..campaign_rules import is_campaign_expert
from ..models import UNPUBLISHED, Campaign, ExpertVerdict, Idea, IdeaRating, Stage
from ._campaign_common import stage_dates
from ._common import idea_event, require

MAX_COMMENT = 2000
RATINGS = range(1, 6)


def filing_refusal(user, campaign: Campaign) -> str:
    """Why `user` cannot file an idea into the campaign now ("" when he can)."""
    if user.has_perm("ideas.file_idea_in_campaign", campaign):
        return ""
    if not campaign.is_published:
        return _("This campaign is not published.")
    if campaign.stage_at(timezone.now()) != Stage.COLLECTING:
        dates = stage_dates(campaign, Stage.COLLECTING)
        if timezone.now() < campaign.collecting_start:
            return _("This campaign collects ideas from %(start)s to %(end)s.") % dates
        return (
            _(
                "Ideas are no longer accepted in this campaign: they were collected from "
                "%(start)s to %(end)s."
            )
            % dates
        )
    return _("Confirm your e-mail address before proposing an idea.")


def require_filing_open(*, author, campaign: Campaign) -> None:
    refusal = filing_refusal(author, campaign)
    if refusal:
        raise PermissionDenied(refusal)


def check_territory(*, campaign: Campaign, municipality) -> None:
    """An idea of a municipal campaign is for that municipality."""
    if campaign.municipality_id and municipality and municipality.pk != campaign.municipality_id:
        raise ValidationError(
            {
                "municipality": [
                    _("This campaign collects ideas for %(place)s.")
                    % {"place": campaign.municipality.name}
                ]
            }
        )


def _lock_idea(idea: Idea) -> Idea:
    """The idea under a row lock, with its campaign (read, not locked: the stage is its dates)."""
    ideas = Idea.objects.select_for_update(of=("self",)).select_related("campaign__municipality")
    return ideas.get(pk=idea.pk)


def rating_refusal(user, idea: Idea) -> str:
    """Why `user` cannot rate the idea now ("" when he can)."""
    if user.has_perm("ideas.rate_idea", idea):
        return ""
    campaign = idea.campaign if idea.campaign_id else None
    if campaign is None or not campaign.is_published:
        return _("Only the ideas of a campaign are rated.")
    if idea.status in UNPUBLISHED:
        return _("The idea is not published.")
    if campaign.stage_at(timezone.now()) != Stage.DISCUSSION:
        return _(
            "Ideas of this campaign are rated only during the discussion stage, from "
            "%(start)s to %(end)s."
        ) % stage_dates(campaign, Stage.DISCUSSION)
    if user.is_authenticated and idea.author_id == user.pk:
        return _("You cannot rate your own idea.")
    return _("Confirm your e-mail to rate the ideas of others.")


def idea_rate(*, user, idea: Idea, value: int) -> tuple[IdeaRating, bool]:
    """Rate an idea of a campaign 1–5 during its discussion stage; rating again changes one's
    rating. Returns (rating, created)."""
    with transaction.atomic():
        idea = _lock_idea(idea)
        require(user, "ideas.rate_idea", idea, rating_refusal(user, idea))
        if isinstance(value, bool) or value not in RATINGS:
            raise ValidationError({"value": [_("Rate the idea from 1 to 5.")]})
        rating = IdeaRating.objects.select_for_update().filter(idea=idea, user=user).first()
        created = rating is None
        if created:
            rating = IdeaRating(idea=idea, user=user, value=value)
            rating.full_clean(validate_constraints=False)
            # Two first ratings at once: the unique constraint keeps one row, with the later value.
            IdeaRating.objects.bulk_create(
                [rating],
                update_conflicts=True,
                unique_fields=["idea", "user"],
                update_fields=["value", "updated_at"],
            )
        elif rating.value != value:
            rating.value = value
            rating.save(update_fields=["value", "updated_at"])
        payload = {"campaign": idea.campaign_id, "value": value, "changed": not created}
        idea_event("rated", idea, actor=user, payload=payload)
    return rating, created


def judging_refusal(user, idea: Idea) -> str:
    """Why `user` cannot give a verdict on the idea now ("" when he can)."""
    if user.has_perm("ideas.judge_idea", idea):
        return ""
    campaign = idea.campaign if idea.campaign_id else None
    if campaign is None or not is_campaign_expert(user, idea):
        return _("Only the experts of the idea's campaign select its ideas.")
    if idea.status in UNPUBLISHED:
        return _("The idea is not published.")
    return _(
        "Experts select ideas only during the selection stage, from %(start)s to %(end)s."
    ) % stage_dates(campaign, Stage.SELECTION)


def idea_judge(*, user, idea: Idea, selected: bool, comment: str) -> tuple[ExpertVerdict, bool]:
    """An expert of the campaign marks the idea selected or not, with a comment, during the
    selection stage; judging again changes his verdict. Returns (verdict, created)."""
    comment = clean_text(comment or "").strip()
    with transaction.atomic():
        idea = _lock_idea(idea)
        require(user, "ideas.judge_idea", idea, judging_refusal(user, idea))
        if not comment:
            raise ValidationError({"comment": [_("Explain your choice in a comment.")]})
        if len(comment) > MAX_COMMENT:
            raise ValidationError(
                {
                    "comment": [
                        _("The text is too long: at most %(max)d characters.")
                        % {"max": MAX_COMMENT}
                    ]
                }
            )
        verdict, created = ExpertVerdict.objects.select_for_update().update_or_create(
            idea=idea, expert=user, defaults={"selected": bool(selected), "comment": comment}
        )
        payload = {"campaign": idea.campaign_id, "selected": verdict.selected}
        idea_event("judged", idea, actor=user, payload=payload)
        audit_log(
            actor=user,
            action="ideas.judged",
            target=idea,
            details={"campaign": idea.campaign_id, "selected": verdict.selected},
        )
    return verdict, created
