"""The individuals' grants contest (issue 15 point 5): applicants 14 and over, by a date of birth
asked only here; a 13-year-old and a date of birth in the future cannot apply, and nothing is
written when they try; an application is a budgeting application plus a project collecting
capital until the public stage ends; one per person."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from veche.accounts.privacy import export_sections
from veche.budgeting.models import Application
from veche.budgeting.tests.factories import ContestFactory, add_template
from veche.community.models import GrantApplication, GrantContest, Project
from veche.community.services import age_on, grant_apply

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def years_ago(years: int, today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@pytest.fixture
def grants():
    contest = ContestFactory(title="Конкурс физлиц", accepts_individuals=True, accepts_groups=False)
    add_template(contest)
    return GrantContest.objects.create(
        contest=contest, public_until=timezone.localdate() + timedelta(days=20), goal=2000
    )


def _apply(user, grants, born):
    return grant_apply(
        user=user,
        grant_contest=grants,
        date_of_birth=born,
        title="Школьный музей",
        direction="memory",
    )


def _nothing_written():
    return not (
        GrantApplication.objects.exists()
        or Application.objects.exists()
        or Project.objects.exists()
    )


def test_a_13_year_old_cannot_apply(grants):
    born = years_ago(14) + timedelta(days=1)  # 14 tomorrow
    with pytest.raises(ValidationError) as refusal:
        _apply(UserFactory(), grants, born)
    assert refusal.value.error_dict["date_of_birth"][0].code == "too_young"
    assert _nothing_written()


def test_a_date_of_birth_in_the_future_cannot_apply(grants):
    with pytest.raises(ValidationError) as refusal:
        _apply(UserFactory(), grants, timezone.localdate() + timedelta(days=1))
    assert refusal.value.error_dict["date_of_birth"][0].code == "future"
    assert _nothing_written()


def test_fourteen_today_applies_and_gets_a_project_collecting_capital(grants):
    user = UserFactory()
    entry = _apply(user, grants, years_ago(14))
    assert entry.application.kind == "individual" and entry.application.author == user
    project = entry.project
    assert (project.goal, project.deadline, project.owner) == (2000, grants.public_until, user)
    assert export_sections()["community"](user)["grant_applications"][0]["date_of_birth"]
    with pytest.raises(ValidationError):
        _apply(user, grants, years_ago(20))
    assert GrantApplication.objects.count() == 1


def test_age_counts_full_years():
    assert age_on(date(2012, 3, 1), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 3, 1), date(2026, 3, 1)) == 14
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14


def test_the_form_shows_the_refusal_in_russian(client, grants):
    client.force_login(UserFactory())
    born = years_ago(13).strftime("%d.%m.%Y")
    response = client.post(
        reverse("community:grant_apply", args=[grants.pk]),
        {"title": "Музей", "direction": "memory", "date_of_birth": born},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "от 14 лет" in response.content.decode()
    assert _nothing_written()


def test_the_contest_page_lists_its_projects_with_totals(client, grants, django_assert_num_queries):
    for n, born in enumerate([years_ago(16), years_ago(30)]):
        entry = grant_apply(
            user=UserFactory(),
            grant_contest=grants,
            date_of_birth=born,
            title=f"Проект {n}",
            direction=("memory", "sport")[n],
        )
        Project.objects.filter(pk=entry.project_id).update(collected=100 * (n + 1))
    url = reverse("community:grants", args=[grants.pk])
    with django_assert_num_queries(4):  # session-less: contest, totals, page count and rows
        page = client.get(url).content.decode()
    assert page.index("Проект 1") < page.index("Проект 0")  # the most backed first
    assert "2 из 18" in page
    assert "300" in page
    assert client.get(reverse("community:grants", args=[grants.pk + 99])).status_code == 404
