"""The template builder and the criteria pages: plain posts, errors by field with status 400,
nothing saved on a refusal, other organizers kept out."""

from decimal import Decimal

import pytest
from django.urls import reverse

from veche.budgeting.models import Criterion, TemplateField
from veche.budgeting.services.templates import current_version, draft_version
from veche.budgeting.tests.factories import ContestFactory, DraftContestFactory, add_template


@pytest.fixture
def contest(world):
    return DraftContestFactory(municipality=world.surgut, stage="")


def test_fields_are_added_edited_moved_and_removed(client, world, contest):
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:template", args=[contest.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"kind": "text", "label": "Название", "required": "on"})
    client.post(
        url,
        {"kind": "single_choice", "label": "Направление", "choices": "Дворы\nПлощадки\nДороги"},
    )
    draft = draft_version(contest)
    assert [f.label for f in draft.fields.order_by("position")] == ["Название", "Направление"]
    assert draft.fields.get(key="field-2").choices == ["Дворы", "Площадки", "Дороги"]
    edit = reverse("budgeting:field", args=[contest.pk, "field-1"])
    assert client.get(edit).status_code == 200
    client.post(edit, {"kind": "long_text", "label": "Описание", "max_length": "3000"})
    client.post(reverse("budgeting:field_move", args=[contest.pk, "field-2"]), {"direction": "up"})
    assert [f.label for f in draft.fields.order_by("position")] == ["Направление", "Описание"]
    client.post(reverse("budgeting:field_remove", args=[contest.pk, "field-2"]))
    assert [f.label for f in draft.fields.order_by("position")] == ["Описание"]


def test_a_bad_field_comes_back_naming_it(client, world, contest):
    client.force_login(world.surgut_admin)
    response = client.post(
        reverse("budgeting:template", args=[contest.pk]),
        {"kind": "number", "label": "Жителей", "min_value": "10", "max_value": "2"},
    )
    assert response.status_code == 400
    assert "max_value" in response.context["field_form"].errors
    assert not TemplateField.objects.exists()


def test_the_template_is_copied_from_an_earlier_contest(client, world, contest):
    earlier = ContestFactory(municipality=world.surgut)
    add_template(earlier)
    client.force_login(world.surgut_admin)
    response = client.post(
        reverse("budgeting:template_copy", args=[contest.pk]), {"source": earlier.pk}
    )
    assert response.status_code == 302
    assert draft_version(contest).fields.count() == 3


def test_a_new_version_is_published_from_the_page(client, world):
    running = ContestFactory(municipality=world.surgut)
    first = add_template(running)
    client.force_login(world.surgut_admin)
    client.post(
        reverse("budgeting:field", args=[running.pk, "field-1"]),
        {"kind": "text", "label": "Название инициативы"},
    )
    assert current_version(running) == first
    client.post(reverse("budgeting:template_publish", args=[running.pk]))
    assert current_version(running).number == 2
    assert first.fields.get(key="field-1").label == "Название проекта"


def test_others_cannot_open_the_builder(client, world, contest):
    client.force_login(world.urai_admin)
    assert client.get(reverse("budgeting:template", args=[contest.pk])).status_code == 404
    assert client.get(reverse("budgeting:criteria", args=[contest.pk])).status_code == 404


def test_criteria_are_added_edited_and_removed(client, world, contest):
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:criteria", args=[contest.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"title": "Значимость", "max_score": "10", "weight": "2", "source": "experts"})
    client.post(
        url,
        {
            "title": "Голоса",
            "max_score": "5",
            "weight": "1",
            "source": "vote",
            "formula": "votes_relative",
        },
    )
    first = Criterion.objects.get(title="Значимость")
    edit = reverse("budgeting:criterion", args=[first.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit, {"title": "Значимость", "max_score": "20", "weight": "2", "source": "experts"}
    )
    first.refresh_from_db()
    assert first.max_score == Decimal(20)
    client.post(reverse("budgeting:criterion_remove", args=[first.pk]))
    assert list(Criterion.objects.values_list("title", "position")) == [("Голоса", 1)]


def test_a_bad_criterion_comes_back_naming_the_field(client, world, contest):
    client.force_login(world.surgut_admin)
    response = client.post(
        reverse("budgeting:criteria", args=[contest.pk]),
        {"title": "Голоса", "max_score": "5", "weight": "1", "source": "vote"},
    )
    assert response.status_code == 400
    assert "formula" in response.context["form"].errors
    assert not Criterion.objects.exists()


def test_the_contest_page_shows_the_form_and_the_criteria(client, world):
    running = ContestFactory(municipality=world.surgut)
    add_template(running)
    Criterion.objects.create(contest=running, title="Значимость", max_score=10, position=1)
    page = client.get(running.get_absolute_url()).content.decode()
    assert "Протокол собрания жителей" in page and "Значимость" in page


def test_the_contest_page_costs_the_same_with_more_fields_and_criteria(
    client, world, django_assert_max_num_queries
):
    running = ContestFactory(municipality=world.surgut)
    version = add_template(running)
    Criterion.objects.create(contest=running, title="Значимость", max_score=10, position=1)
    client.force_login(world.surgut_admin)
    with django_assert_max_num_queries(30) as few:
        client.get(running.get_absolute_url())
    for position in range(4, 20):
        TemplateField.objects.create(
            version=version, key=f"field-{position}", kind="text", label="Ещё", position=position
        )
        Criterion.objects.create(contest=running, title="Ещё", max_score=5, position=position)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(running.get_absolute_url())


def test_the_checklist_is_built_before_the_contest_begins(client, world, contest):
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:checklist", args=[contest.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "Протокол собрания подписан"})
    item = contest.checklist.get()
    assert item.text == "Протокол собрания подписан"
    assert client.post(url, {"text": " "}).status_code == 400
    client.post(reverse("budgeting:checklist_remove", args=[item.pk]))
    assert not contest.checklist.exists()
