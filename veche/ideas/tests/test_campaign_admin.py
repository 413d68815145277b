"""The back office for campaigns: the stages' errors named by field before anything is saved;
saving and naming experts go through the services (events, the staff audit log, the role
check)."""

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import StaffUserFactory
from veche.events.models import Event
from veche.ideas.models import Campaign, CampaignExpert, Stage
from veche.ideas.models.campaign import STAGE_FIELDS
from veche.ideas.tests.campaign_factories import campaign_in, expert_of, stage_dates
from veche.staff.models import StaffAuditLog

pytestmark = pytest.mark.django_db
ADD = "/admin/ideas/campaign/add/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


def _inlines(experts: list[dict] | None = None, initial: int = 0) -> dict:
    experts = experts or []
    data = {
        "experts-TOTAL_FORMS": str(len(experts)),
        "experts-INITIAL_FORMS": str(initial),
        "experts-MIN_NUM_FORMS": "0",
        "experts-MAX_NUM_FORMS": "1000",
        "awards-TOTAL_FORMS": "0",
        "awards-INITIAL_FORMS": "0",
        "awards-MIN_NUM_FORMS": "0",
        "awards-MAX_NUM_FORMS": "0",
    }
    for n, row in enumerate(experts):
        data.update({f"experts-{n}-{key}": value for key, value in row.items()})
    return data


def _fields(world, dates: dict, **extra) -> dict:
    data = {
        "title": "Парк у реки",
        "description": "Что построить в парке?",
        "municipality": str(world.surgut.pk),
        "is_published": "on",
        **extra,
    }
    for name in STAGE_FIELDS:
        moment = timezone.localtime(dates[name])
        data[f"{name}_0"] = moment.strftime("%Y-%m-%d")
        data[f"{name}_1"] = moment.strftime("%H:%M:%S")
    return data


def test_the_admin_names_the_overlapping_stage_and_saves_nothing(admin_client, world):
    assert admin_client.get(ADD).status_code == 200
    dates = stage_dates(timezone.now())
    dates["results_start"] = dates["selection_start"]
    response = admin_client.post(ADD, {**_fields(world, dates), **_inlines()})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["results_start"]
    assert "не раньше окончания этапа «экспертный отбор»" in errors["results_start"][0]
    assert not Campaign.objects.exists()


def test_the_admin_saves_through_the_services(admin_client, world):
    response = admin_client.post(ADD, {**_fields(world, stage_dates(timezone.now())), **_inlines()})
    assert response.status_code == 302, response.context["adminform"].form.errors
    campaign = Campaign.objects.get()
    assert campaign.is_published and campaign.municipality == world.surgut
    assert Event.objects.filter(kind="ideas.campaign_created").count() == 1
    assert StaffAuditLog.objects.filter(action="ideas.campaign_create").count() == 1
    assert admin_client.get("/admin/ideas/campaign/").status_code == 200


def test_experts_are_named_in_the_admin_through_the_service(admin_client, world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut)
    expert, resident = expert_of(world.surgut), world.neighbour
    url = f"/admin/ideas/campaign/{campaign.pk}/change/"
    assert admin_client.get(url).status_code == 200
    dates = {name: getattr(campaign, name) for name in STAGE_FIELDS}
    data = {
        **_fields(world, dates, title=campaign.title),
        **_inlines([{"user": str(expert.pk)}, {"user": str(resident.pk)}]),
    }
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert list(CampaignExpert.objects.values_list("user", flat=True)) == [expert.pk]
    assert StaffAuditLog.objects.filter(action="ideas.campaign_expert_add").count() == 1
    shown = [str(m) for m in response.context["messages"]]
    assert any("не эксперт территории конкурса" in text for text in shown)
