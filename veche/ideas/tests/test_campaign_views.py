"""The campaign pages on the web, without JavaScript: the list and a campaign's page (stages,
counters, ideas), rating and verdict forms, the organizer's form with field-named errors, experts
and results, filing into a campaign, the list filter; a constant number of queries per page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas.models import Campaign, CampaignAward, CampaignExpert, Idea, IdeaRating, Stage
from veche.ideas.tests.campaign_factories import (
    campaign_idea,
    campaign_in,
    expert_of,
    stage_dates,
)
from veche.ideas.tests.factories import PublishedIdeaFactory

pytestmark = pytest.mark.django_db


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- The list and the page --------------------------------------------------------------------


def test_the_list_groups_published_campaigns_and_hides_drafts(client, world):
    running = campaign_in(Stage.DISCUSSION, title="Парк у реки")
    campaign_in(Stage.COLLECTING, title="Черновик", is_published=False, municipality=world.surgut)
    html = page(client, "/ideas/campaigns/")
    assert "Парк у реки" in html and "Черновик" not in html
    assert "Обсуждение и оценка" in html and f"/ideas/campaigns/{running.pk}/" in html
    client.force_login(world.mayor_office)
    html = page(client, "/ideas/campaigns/")
    assert "Черновик" in html and "Начать конкурс" in html


def test_a_draft_is_not_found_by_residents(client, world):
    draft = campaign_in(Stage.COLLECTING, is_published=False, municipality=world.surgut)
    page(client, f"/ideas/campaigns/{draft.pk}/", status=404)
    client.force_login(world.urai_mayor_office)
    page(client, f"/ideas/campaigns/{draft.pk}/", status=404)
    client.force_login(world.mayor_office)
    assert "черновик" in page(client, f"/ideas/campaigns/{draft.pk}/")


def test_the_page_shows_the_stages_counters_and_ideas(client, world):
    campaign = campaign_in(Stage.DISCUSSION, title="Парк у реки")
    idea = campaign_idea(campaign, title="Скейт-площадка")
    IdeaRating.objects.create(idea=idea, user=world.neighbour, value=4)
    IdeaRating.objects.create(idea=idea, user=world.author, value=5)
    html = page(client, f"/ideas/campaigns/{campaign.pk}/")
    assert '<ol class="stages" aria-label="Этапы конкурса">' in html
    assert 'class="stage stage-current" aria-current="step"' in html
    assert "Обсуждение и оценка" in html and "идёт сейчас" in html
    assert "Скейт-площадка" in html and "Средняя оценка 4,5 из 5 (2 оценки)" in html
    assert '<div class="figure"><dt>Участники</dt><dd>3</dd></div>' in html
    assert '<div class="figure"><dt>Оценки</dt><dd>2</dd></div>' in html
    assert "Войдите</a>, чтобы оценивать идеи" in html


@pytest.mark.parametrize("who", ["anonymous", "neighbour", "mayor_office", "expert"])
def test_the_page_costs_a_constant_number_of_queries(client, world, who):
    stage = Stage.SELECTION if who == "expert" else Stage.DISCUSSION
    campaign = campaign_in(stage, municipality=world.surgut)
    user = expert_of(world.surgut) if who == "expert" else getattr(world, who, None)
    if who == "expert":
        CampaignExpert.objects.create(campaign=campaign, user=user)
    if user is not None:
        client.force_login(user)

    def queries_for(count: int) -> int:
        Idea.objects.filter(campaign=campaign).delete()
        for idea in [campaign_idea(campaign) for _ in range(count)]:
            for rater in UserFactory.create_batch(2):
                IdeaRating.objects.create(idea=idea, user=rater, value=3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/ideas/campaigns/{campaign.pk}/")
        assert response.status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(17)


def test_the_list_costs_a_constant_number_of_queries(client, world):
    def queries_for(count: int) -> int:
        Idea.objects.all().delete()
        Campaign.objects.all().delete()
        for n in range(count):
            campaign_idea(campaign_in(Stage.COLLECTING, title=f"Конкурс {n}"))
        with CaptureQueriesContext(connection) as queries:
            page(client, "/ideas/campaigns/")
        return len(queries)

    assert queries_for(1) == queries_for(6)


# --- Rating and verdicts ----------------------------------------------------------------------


def test_a_resident_rates_with_a_plain_form_and_changes_his_rating(client, world):
    campaign = campaign_in(Stage.DISCUSSION)
    idea = campaign_idea(campaign)
    client.force_login(world.neighbour)
    html = page(client, f"/ideas/campaigns/{campaign.pk}/")
    assert f'action="/ideas/{idea.pk}/rate/"' in html and 'type="radio"' in html
    response = client.post(f"/ideas/{idea.pk}/rate/", {"value": "4"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(
        f"/ideas/campaigns/{campaign.pk}/#idea-{idea.pk}"
    )
    assert f"Ваша оценка идеи № {idea.pk} учтена: 4 из 5." in messages_of(response)
    client.post(f"/ideas/{idea.pk}/rate/", {"value": "2"})
    assert list(IdeaRating.objects.values_list("value", flat=True)) == [2]
    assert "Изменить оценку" in page(client, f"/ideas/campaigns/{campaign.pk}/")


def test_a_rating_of_six_is_refused_with_the_field_named(client, world):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION))
    client.force_login(world.neighbour)
    response = client.post(f"/ideas/{idea.pk}/rate/", {"value": "6"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#rate-{idea.pk}-value_0"' in html and "Оцените идею от 1 до 5." in html
    assert not IdeaRating.objects.exists()


def test_rating_outside_the_discussion_is_refused_with_a_message(client, world):
    idea = campaign_idea(campaign_in(Stage.SELECTION))
    client.force_login(world.neighbour)
    response = client.post(f"/ideas/{idea.pk}/rate/", {"value": "4"}, follow=True)
    [message] = messages_of(response)
    assert message.startswith("Оценивать идеи этого конкурса можно только на этапе обсуждения")
    assert not IdeaRating.objects.exists()


def test_an_expert_gives_a_verdict_and_a_resident_cannot(client, world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    client.force_login(world.neighbour)
    response = client.post(
        f"/ideas/{idea.pk}/verdict/", {"selected": "yes", "comment": "Да."}, follow=True
    )
    assert messages_of(response) == ["Только эксперты конкурса отбирают его идеи."]
    client.force_login(expert)
    html = page(client, f"/ideas/campaigns/{campaign.pk}/")
    assert f'action="/ideas/{idea.pk}/verdict/"' in html
    response = client.post(f"/ideas/{idea.pk}/verdict/", {"selected": "yes", "comment": ""})
    assert response.status_code == 400
    assert "Объясните своё решение в комментарии." in response.content.decode()
    client.post(f"/ideas/{idea.pk}/verdict/", {"selected": "no", "comment": "Слишком дорого."})
    verdict = idea.verdicts.get()
    assert (verdict.expert, verdict.selected, verdict.comment) == (expert, False, "Слишком дорого.")
    client.force_login(world.mayor_office)
    assert "Слишком дорого." in page(client, f"/ideas/campaigns/{campaign.pk}/")


# --- The organizer ----------------------------------------------------------------------------


def _form(dates: dict, **fields) -> dict:
    data = {"title": "Парк у реки", "description": "Что построить?", **fields}
    for name, moment in dates.items():
        data[name] = timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
    return data


def test_the_organizer_is_told_which_stage_overlaps(client, world):
    client.force_login(world.mayor_office)
    html = page(client, "/ideas/campaigns/new/")
    assert "Этап 2: Обсуждение и оценка" in html and 'type="datetime-local"' in html
    dates = stage_dates(timezone.now() + timedelta(days=1))
    dates["selection_start"] = dates["discussion_end"] - timedelta(days=2)
    response = client.post(
        "/ideas/campaigns/new/", _form(dates, municipality=world.surgut.pk, is_published="on")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#campaign-selection_start"' in html
    assert "Этап «экспертный отбор» должен начинаться не раньше окончания этапа" in html
    assert not Campaign.objects.exists()
    dates = stage_dates(timezone.now() + timedelta(days=1))
    response = client.post(
        "/ideas/campaigns/new/", _form(dates, municipality=world.surgut.pk, is_published="on")
    )
    campaign = Campaign.objects.get()
    assert response.url == f"/ideas/campaigns/{campaign.pk}/"
    assert campaign.discussion_start == dates["discussion_start"].replace(second=0, microsecond=0)


def test_a_municipal_admin_chooses_among_his_municipalities_only(client, world):
    client.force_login(world.urai_mayor_office)
    form = client.get("/ideas/campaigns/new/").context["form"]
    assert list(form.fields["municipality"].queryset) == [world.urai]
    client.force_login(world.neighbour)
    assert client.get("/ideas/campaigns/new/").status_code == 403


def test_the_organizer_edits_and_names_experts(client, world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut)
    expert = expert_of(world.surgut)
    client.force_login(world.mayor_office)
    edit = client.get(f"/ideas/campaigns/{campaign.pk}/edit/")
    assert edit.status_code == 200 and edit.context["form"]["title"].value() == campaign.title
    response = client.post(
        f"/ideas/campaigns/{campaign.pk}/experts/", {"email": world.neighbour.email}
    )
    assert response.status_code == 400
    assert "Этот человек не эксперт территории конкурса" in response.content.decode()
    client.post(f"/ideas/campaigns/{campaign.pk}/experts/", {"email": expert.email.upper()})
    assert list(campaign.experts.values_list("user", flat=True)) == [expert.pk]
    client.post(f"/ideas/campaigns/{campaign.pk}/experts/{expert.pk}/remove/")
    assert not campaign.experts.exists()
    client.force_login(world.urai_mayor_office)
    assert client.get(f"/ideas/campaigns/{campaign.pk}/edit/").status_code == 403


def test_the_organizer_publishes_the_results(client, world):
    campaign = campaign_in(Stage.RESULTS, municipality=world.surgut)
    winner, other = campaign_idea(campaign), campaign_idea(campaign)
    client.force_login(world.mayor_office)
    assert "Опубликовать итоги" in page(client, f"/ideas/campaigns/{campaign.pk}/")
    html = page(client, f"/ideas/campaigns/{campaign.pk}/results/")
    assert f'name="award_{other.pk}"' in html
    response = client.post(
        f"/ideas/campaigns/{campaign.pk}/results/", {f"award_{winner.pk}": "Диплом"}
    )
    assert response.status_code == 400
    assert "Объясните, за что идея награждается." in response.content.decode()
    response = client.post(
        f"/ideas/campaigns/{campaign.pk}/results/",
        {f"award_{winner.pk}": "Диплом I степени", f"reason_{winner.pk}": "Лучшая оценка."},
    )
    assert response.url == f"/ideas/campaigns/{campaign.pk}/#results"
    assert CampaignAward.objects.get().idea == winner
    client.logout()
    html = page(client, f"/ideas/campaigns/{campaign.pk}/")
    assert "Диплом I степени" in html and "Лучшая оценка." in html
    assert client.get(f"/ideas/campaigns/{campaign.pk}/results/").status_code == 302


# --- Filing into a campaign; the list's filter ------------------------------------------------


def _idea_form(world, campaign) -> dict:
    return {
        "title": "Скейт-площадка",
        "text": "Построить скейт-площадку.",
        "category": world.category.pk,
        "municipality": world.surgut.pk,
        "campaign": campaign.pk,
    }


def test_a_resident_files_an_idea_into_a_collecting_campaign(client, world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut, title="Парк у реки")
    client.force_login(world.author)
    html = page(client, f"/ideas/campaigns/{campaign.pk}/")
    assert f'href="/ideas/new/?campaign={campaign.pk}"' in html
    html = page(client, f"/ideas/new/?campaign={campaign.pk}")
    assert "Идея будет подана в конкурс" in html and f'value="{campaign.pk}"' in html
    client.post("/ideas/new/", _idea_form(world, campaign))
    assert Idea.objects.get().campaign == campaign


def test_filing_after_the_collecting_stage_is_refused_with_a_message(client, world):
    campaign = campaign_in(Stage.DISCUSSION, municipality=world.surgut)
    client.force_login(world.author)
    assert "Приём идей в этом конкурсе закрыт" in page(
        client, f"/ideas/new/?campaign={campaign.pk}"
    )
    response = client.post("/ideas/new/", _idea_form(world, campaign))
    assert response.status_code == 400
    assert "Приём идей в этом конкурсе закрыт: идеи принимались с" in response.content.decode()
    assert not Idea.objects.exists()


def test_the_list_of_ideas_filters_by_campaign(client, world):
    campaign = campaign_in(Stage.DISCUSSION, title="Парк у реки")
    inside = campaign_idea(campaign, title="Скейт-площадка")
    PublishedIdeaFactory(title="Каток во дворе")
    html = page(client, f"/ideas/?campaign={campaign.pk}")
    assert inside.title in html and "Каток во дворе" not in html
    assert f'<option value="{campaign.pk}" selected>Парк у реки</option>' in html
    html = page(client, f"/ideas/{inside.pk}/")
    assert f'<a href="/ideas/campaigns/{campaign.pk}/">Парк у реки</a>' in html


def test_ratings_on_the_web_are_rate_limited(client, world, settings):
    settings.RATE_LIMIT_IDEA_WRITES = "1/60"
    campaign = campaign_in(Stage.DISCUSSION)
    first, second = campaign_idea(campaign), campaign_idea(campaign)
    client.force_login(world.neighbour)
    client.post(f"/ideas/{first.pk}/rate/", {"value": "5"})
    response = client.post(f"/ideas/{second.pk}/rate/", {"value": "5"}, follow=True)
    assert messages_of(response)[-1].startswith("Слишком много изменений за короткое время")
    assert list(IdeaRating.objects.values_list("idea", flat=True)) == [first.pk]
