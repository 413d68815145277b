"""Factories for crowdsourcing campaigns. `CampaignFactory()` is a published campaign whose
stages follow each other, ten days each, collecting ideas now; `campaign_in(stage)` one whose
`stage` is open now; `stage_dates(start, days=…)` the eight moments from a start."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas.models import STAGES, Campaign, Stage
from veche.ideas.models.campaign import end_field, start_field
from veche.ideas.tests.factories import PublishedIdeaFactory

STAGE_DAYS = 10


def stage_dates(start: datetime, days: int = STAGE_DAYS) -> dict[str, datetime]:
    """Four stages of `days` days each, back to back, from `start`."""
    dates = {}
    for number, stage in enumerate(STAGES):
        dates[start_field(stage)] = start + timedelta(days=days * number)
        dates[end_field(stage)] = start + timedelta(days=days * (number + 1))
    return dates


def dates_with(stage: str, now: datetime | None = None) -> dict[str, datetime]:
    """Stages placed so that `stage` opened a day before `now`."""
    now = now or timezone.now()
    index = STAGES.index(Stage(stage))
    return stage_dates(now - timedelta(days=STAGE_DAYS * index + 1))


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Каким быть парку у реки {n}")
    description = "Предложите, что построить в новом парке: площадки, дорожки, освещение."
    organizer = factory.SubFactory(UserFactory)
    municipality = None
    is_published = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        dates = dates_with(kwargs.pop("stage", Stage.COLLECTING))
        return super()._create(model_class, *args, **{**dates, **kwargs})


def campaign_in(stage: str, **fields) -> Campaign:
    return CampaignFactory(stage=stage, **fields)


def campaign_idea(campaign: Campaign, **fields):
    """A published idea of the campaign (in its municipality, when it has one)."""
    if campaign.municipality_id:
        fields.setdefault("municipality", campaign.municipality)
    return PublishedIdeaFactory(campaign=campaign, **fields)


def expert_of(municipality=None):
    """A new person holding the platform role «expert» in the municipality (or region-wide)."""
    from veche.staff.models import Role
    from veche.staff.tests.factories import RoleAssignmentFactory

    return RoleAssignmentFactory(role=Role.EXPERT, municipality=municipality).user
