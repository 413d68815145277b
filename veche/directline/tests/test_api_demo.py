"""The direct line's API (public reads, a resident's question, the staff's answer and closing
refused with 409 while a question waits) and its demo in the seed's numbers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.directline import demo, selectors, services
from veche.directline.models import Campaign, Channel, Question
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

pytestmark = pytest.mark.django_db


def test_the_api_reads_asks_answers_and_refuses_closing(client):
    line = Campaign.objects.create(title="Линия", event_at=timezone.now() + timedelta(days=3))
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    called = services.question_enter(
        user=admin, campaign=line, channel=Channel.PHONE, text="Вода", caller_name="Секрет"
    )
    listed = client.get("/api/v1/directline/campaigns").json()
    assert listed["items"][0]["title"] == "Линия"
    detail = client.get(f"/api/v1/directline/campaigns/{line.pk}").json()
    assert detail["figures"]["by_channel"]["phone"] == 1
    questions = client.get(f"/api/v1/directline/campaigns/{line.pk}/questions")
    assert questions.json()["items"][0]["text"] == "Вода" and "Секрет" not in questions.text
    assert client.get("/api/v1/directline/campaigns/999999").status_code == 404

    url = f"/api/v1/directline/campaigns/{line.pk}/questions"
    assert client.post(url, {"text": "Q"}, content_type="application/json").status_code == 401
    client.force_login(UserFactory())
    asked = client.post(url, {"text": "Про школу"}, content_type="application/json")
    assert asked.status_code == 201
    blank = client.post(url, {"text": "  "}, content_type="application/json")
    assert blank.status_code == 422
    answer = f"/api/v1/directline/questions/{called.pk}/answer"
    assert client.post(answer, {"text": "x"}, content_type="application/json").status_code == 403

    client.force_login(admin)
    assert (
        client.post(answer, {"at_seconds": 90}, content_type="application/json").json()[
            "answer_at_seconds"
        ]
        == 90
    )
    closing = client.post(f"/api/v1/directline/campaigns/{line.pk}/close")
    assert closing.status_code == 409 and "1" in closing.json()["detail"]


def test_the_demo_has_the_seeds_figures_and_is_idempotent(db):
    demo.seed()
    demo.seed()
    governor = Campaign.objects.get(title=demo.GOVERNOR)
    figures = selectors.figures(governor)
    assert (figures.total, figures.through_portal, figures.answered) == (791, 702, 791)
    assert governor.is_closed
    surgut = Campaign.objects.get(title=demo.SURGUT)
    assert selectors.public_questions(surgut).exists()
    assert Question.objects.filter(campaign=surgut, status="pending").exists()


def test_lines_are_found_by_the_site_wide_search(django_capture_on_commit_callbacks):
    from veche.search import selectors as search

    with django_capture_on_commit_callbacks(execute=True):
        Campaign.objects.create(
            title="Прямая линия с главой Урая", event_at=timezone.now() + timedelta(days=3)
        )
    assert [hit.entry.title for hit in search.search("прямые линии").hits] == [
        "Прямая линия с главой Урая"
    ]
