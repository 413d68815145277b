"""Crowdsourcing campaigns, the organizer's side: start and edit a campaign (theme, description,
territory, cover, four dated stages), name its experts, publish its results. Each service checks
its named rule (campaign_rules.py), writes in one transaction, records an event
(`ideas.campaign_<kind>`) and a row of the staff audit log; publishing the results also enqueues
the notices to the winners and the participants."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core.text import clean_text
from veche.media.uploads import is_photo, process_media
from veche.staff.services import audit_log
from veche.territory.models import Municipality

from ..campaign_rules import holds_expert_role
from ..models import (
    STAGES,
    UNPUBLISHED,
    Campaign,
    CampaignAward,
    CampaignExpert,
    Idea,
    Stage,
)
from ..models.campaign import end_field, start_field
from ._campaign_common import campaign_event, campaign_notice, stage_dates
from ._common import require

MAX_TITLE = 200
MAX_DESCRIPTION = 5000
MAX_AWARD = 300
MAX_REASON = 2000


def not_organizer() -> str:
    return _(
        "Only the administration of the campaign's municipality or the regional administration "
        "runs it; a campaign for the whole region, only the regional administration."
    )


def stage_errors(dates: Mapping[str, datetime | None]) -> dict[str, list[str]]:
    """What is wrong with the four stages' dates, by field: each given, each ending after it
    starts, each starting no earlier than the previous one ends."""
    errors: dict[str, list[str]] = {}
    previous = None
    for stage in STAGES:
        label = Stage(stage).label
        start, end = dates.get(start_field(stage)), dates.get(end_field(stage))
        if start is None:
            errors[start_field(stage)] = [
                _("Give the start of the stage «%(stage)s».") % {"stage": label}
            ]
        if end is None:
            errors[end_field(stage)] = [
                _("Give the end of the stage «%(stage)s».") % {"stage": label}
            ]
        if start is not None and end is not None and end <= start:
            errors[end_field(stage)] = [
                _("The stage «%(stage)s» must end after it starts.") % {"stage": label}
            ]
        if previous is not None and start is not None:
            before, before_end = previous
            if before_end is not None and start < before_end:
                errors.setdefault(start_field(stage), []).append(
                    _(
                        "The stage «%(stage)s» must start no earlier than the stage «%(before)s» "
                        "ends: the stages follow each other without overlapping."
                    )
                    % {"stage": label, "before": Stage(before).label}
                )
        previous = (stage, end)
    return errors


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def check_campaign(*, title: str, description: str, stages: Mapping[str, datetime | None], cover):
    """The campaign's words, dates and cover cleaned; a ValidationError names every field that
    is wrong (the admin's form asks it before saving)."""
    errors: dict[str, list[str]] = {}
    title = " ".join(clean_text(title or "").split())
    description = clean_text(description or "").strip()
    if not title:
        errors["title"] = [_("Give the campaign a theme.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [
            _("The theme is too long: at most %(max)d characters.") % {"max": MAX_TITLE}
        ]
    if not description:
        errors["description"] = [_("Describe the campaign: what ideas it asks for and why.")]
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = [
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_DESCRIPTION}
        ]
    dates = {name: _aware(stages.get(name)) for stage in STAGES for name in _names(stage)}
    errors.update(stage_errors(dates))
    if cover is not None and not is_photo(cover):
        errors["cover"] = [_("Attach the cover as a JPEG, PNG or WebP image.")]
    if errors:
        raise ValidationError(errors)
    return title, description, dates


def _names(stage: str) -> tuple[str, str]:
    return start_field(stage), end_field(stage)


def _processed_cover(cover: UploadedFile | None):
    """The cover cleaned by veche.media (re-encoded, no metadata) before any transaction."""
    return process_media([cover])[0] if cover is not None else None


def _set_cover(campaign: Campaign, processed) -> list:
    """Put the new cover on the campaign; returns the old files to delete after the commit."""
    old = [f for f in (campaign.cover, campaign.cover_thumbnail) if f]
    campaign.cover.save(processed.file.name, processed.file, save=False)
    if processed.thumbnail is not None:
        campaign.cover_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    return old


def _delete_after_commit(files: list) -> None:
    for file in files:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def campaign_create(
    *,
    user,
    title: str,
    description: str,
    municipality: Municipality | None,
    stages: Mapping[str, datetime | None],
    cover: UploadedFile | None = None,
    is_published: bool = False,
) -> Campaign:
    """Start a campaign in a municipality (or, with None, the whole region); `user` becomes its
    organizer. `stages` maps `<stage>_start` / `<stage>_end` to moments."""
    campaign = Campaign(municipality=municipality, organizer=user)
    if not user.has_perm("ideas.manage_campaign", campaign):
        raise PermissionDenied(not_organizer())
    title, description, dates = check_campaign(
        title=title, description=description, stages=stages, cover=cover
    )
    processed = _processed_cover(cover)
    with transaction.atomic():
        campaign.title, campaign.description, campaign.is_published = (
            title,
            description,
            is_published,
        )
        for name, value in dates.items():
            setattr(campaign, name, value)
        if processed is not None:
            _set_cover(campaign, processed)
        campaign.full_clean()
        campaign.save()
        campaign_event("created", campaign, actor=user, payload={"published": is_published})
        audit_log(actor=user, action="ideas.campaign_create", target=campaign)
    return campaign


def campaign_update(
    *,
    user,
    campaign: Campaign,
    title: str,
    description: str,
    municipality: Municipality | None,
    stages: Mapping[str, datetime | None],
    cover: UploadedFile | None = None,
    is_published: bool,
) -> Campaign:
    """Change a campaign's words, dates, cover or publication. Its territory stays once ideas
    are filed (they were filed for it), and nothing changes after its results are out."""
    title, description, dates = check_campaign(
        title=title, description=description, stages=stages, cover=cover
    )
    processed = _processed_cover(cover)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        require(user, "ideas.manage_campaign", campaign, not_organizer())
        if campaign.results_published_at is not None:
            raise ValidationError(
                _("The results of this campaign are published: it can no longer change.")
            )
        if municipality != campaign.municipality:
            if campaign.ideas.exists():
                raise ValidationError(
                    {"municipality": [_("The territory cannot change: ideas are filed for it.")]}
                )
            campaign.municipality = municipality
            require(user, "ideas.manage_campaign", campaign, not_organizer())
        changed = [name for name, value in dates.items() if getattr(campaign, name) != value]
        campaign.title, campaign.description, campaign.is_published = (
            title,
            description,
            is_published,
        )
        for name, value in dates.items():
            setattr(campaign, name, value)
        old = _set_cover(campaign, processed) if processed is not None else []
        campaign.full_clean()
        campaign.save()
        details = {"dates": changed, "published": is_published, "cover": processed is not None}
        campaign_event("changed", campaign, actor=user, payload=details)
        audit_log(actor=user, action="ideas.campaign_update", target=campaign, details=details)
        _delete_after_commit(old)
    return campaign


# --- Experts ----------------------------------------------------------------------------------


def campaign_expert_add(*, user, campaign: Campaign, expert) -> CampaignExpert:
    """Name an expert of the campaign: a person with the platform role «expert» covering its
    territory. Adding him again changes nothing."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        require(user, "ideas.manage_campaign", campaign, not_organizer())
        if timezone.now() >= campaign.selection_end:
            raise ValidationError({"expert": [_("The expert selection of this campaign is over.")]})
        if expert is None or not holds_expert_role(expert, campaign):
            raise ValidationError(
                {
                    "expert": [
                        _(
                            "This person is not an expert of the campaign's territory: the role "
                            "«expert» is given on the staff pages first."
                        )
                    ]
                }
            )
        membership, created = CampaignExpert.objects.get_or_create(
            campaign=campaign, user=expert, defaults={"added_by": user}
        )
        if created:
            campaign_event("expert_added", campaign, actor=user, payload={"expert": expert.pk})
            audit_log(
                actor=user,
                action="ideas.campaign_expert_add",
                target=campaign,
                details={"user_id": expert.pk, "user_email": expert.email},
            )
    return membership


def campaign_expert_remove(*, user, campaign: Campaign, expert) -> bool:
    """Take an expert off the campaign (his verdicts stay); returns whether he was on it."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        require(user, "ideas.manage_campaign", campaign, not_organizer())
        deleted, _rows = CampaignExpert.objects.filter(campaign=campaign, user=expert).delete()
        if deleted:
            campaign_event("expert_removed", campaign, actor=user, payload={"expert": expert.pk})
            audit_log(
                actor=user,
                action="ideas.campaign_expert_remove",
                target=campaign,
                details={"user_id": expert.pk, "user_email": expert.email},
            )
    return bool(deleted)


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardIn:
    """One winner as the organizer names it."""

    idea: Idea | None
    award: str
    reason: str


def award_field(kind: str, idea_id: int | None) -> str:
    """The field an award's error is told on: `award_<idea id>` or `reason_<idea id>`."""
    return f"{kind}_{idea_id}"


def results_refusal(user, campaign: Campaign) -> str:
    if not user.has_perm("ideas.manage_campaign", campaign):
        return not_organizer()
    if campaign.results_published_at is not None:
        return _("The results of this campaign are already published.")
    return _(
        "Results are published during the results stage, from %(start)s to %(end)s."
    ) % stage_dates(campaign, Stage.RESULTS)


def _clean_awards(campaign: Campaign, awards: Sequence[AwardIn]) -> list[AwardIn]:
    errors: dict[str, list[str]] = {}
    if not awards:
        errors["awards"] = [_("Name at least one winner.")]
    seen: set[int] = set()
    cleaned = []
    # The ideas as they are now, not as the caller read them.
    fresh = Idea.objects.filter(campaign=campaign).exclude(status__in=UNPUBLISHED)
    fresh = fresh.in_bulk([item.idea.pk for item in awards if item.idea is not None])
    for item in awards:
        idea = fresh.get(item.idea.pk) if item.idea is not None else None
        if idea is None:
            errors.setdefault("awards", []).append(
                _("Winners are chosen among the published ideas of this campaign.")
            )
            continue
        if idea.pk in seen:
            errors.setdefault("awards", []).append(
                _("Idea № %(number)s is named twice.") % {"number": idea.pk}
            )
            continue
        seen.add(idea.pk)
        award = " ".join(clean_text(item.award or "").split())
        reason = clean_text(item.reason or "").strip()
        if not award:
            errors[award_field("award", idea.pk)] = [_("Say what the winner receives.")]
        elif len(award) > MAX_AWARD:
            errors[award_field("award", idea.pk)] = [
                _("The text is too long: at most %(max)d characters.") % {"max": MAX_AWARD}
            ]
        if not reason:
            errors[award_field("reason", idea.pk)] = [_("Say why this idea wins.")]
        elif len(reason) > MAX_REASON:
            errors[award_field("reason", idea.pk)] = [
                _("The text is too long: at most %(max)d characters.") % {"max": MAX_REASON}
            ]
        cleaned.append(AwardIn(idea=idea, award=award, reason=reason))
    if errors:
        raise ValidationError(errors)
    return cleaned


def campaign_publish_results(
    *, user, campaign: Campaign, awards: Sequence[AwardIn]
) -> list[CampaignAward]:
    """Publish the winners of the campaign — each with its award and why — as a whole, once,
    during the results stage; the winners' authors and the participants are told."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        require(user, "ideas.publish_results", campaign, results_refusal(user, campaign))
        cleaned = _clean_awards(campaign, awards)
        rows = [
            CampaignAward(
                campaign=campaign, idea=item.idea, award=item.award, reason=item.reason, order=n
            )
            for n, item in enumerate(cleaned)
        ]
        for row in rows:
            row.full_clean()
        CampaignAward.objects.bulk_create(rows)
        campaign.results_published_at = timezone.now()
        campaign.save(update_fields=["results_published_at", "updated_at"])
        winners = [item.idea.pk for item in cleaned]
        campaign_event("results_published", campaign, actor=user, payload={"winners": winners})
        audit_log(
            actor=user,
            action="ideas.campaign_results_publish",
            target=campaign,
            details={"winners": winners},
        )
        campaign_notice("results", campaign)
    return rows
