"""Shared steps of the campaign services: the event of a campaign, the refusal that says why a
stage's action is closed, and the notices task (enqueued in the change's transaction)."""

from veche.core.formats import local_datetime
from veche.events.models import Event
from veche.events.services import record_event

from ..events import notices_are_off
from ..models import Campaign


def campaign_event(kind: str, campaign: Campaign, *, actor, payload: dict | None = None) -> Event:
    """Record "ideas.campaign_<kind>" about the campaign."""
    return record_event(
        kind=f"ideas.campaign_{kind}",
        subject=campaign,
        actor=actor,
        territory=campaign.municipality_id,
        payload=payload or {},
    )


def campaign_notice(kind: str, campaign: Campaign) -> None:
    """Enqueue the notices of a campaign's event; the task decides who hears what."""
    from ..tasks import deliver_campaign_notices

    if notices_are_off():
        return
    deliver_campaign_notices.enqueue(kind=kind, campaign_id=campaign.pk)


def stage_dates(campaign: Campaign, stage: str) -> dict[str, str]:
    """The stage's start and end as the reader reads them, for a refusal's message."""
    start, end = campaign.dates(stage)
    return {"start": local_datetime(start), "end": local_datetime(end)}
