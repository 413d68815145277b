"""The direct line's pages: a guest reads the questions and answers, a resident asks and
supports, staff moderate, enter, answer and close (refused with the count while a question waits
for its answer), and nothing half-written on a refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.directline import services
from veche.directline.models import Campaign, Channel, Question, QuestionStatus
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(db):
    return Campaign.objects.create(
        title="Прямая линия с губернатором", event_at=timezone.now() + timedelta(days=7)
    )


@pytest.fixture
def admin(db):
    return RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user


def test_a_guest_sees_published_questions_and_answers_only(client, line, admin):
    services.question_ask(user=UserFactory(), campaign=line, text="Ждёт модерации")
    called = services.question_enter(
        user=admin,
        campaign=line,
        channel=Channel.PHONE,
        text="Когда починят мост?",
        caller_name="Петрова Анна",
    )
    line.recording_url = "https://video.example/line"
    line.save()
    services.question_answer(user=admin, question=called, text="Летом.", at_seconds=3754)
    page = client.get(reverse("directline:detail", args=[line.pk])).content.decode()
    assert "Когда починят мост?" in page and "Летом." in page
    assert "https://video.example/line?t=3754" in page and "1:02:34" in page
    assert "Ждёт модерации" not in page and "Петрова" not in page
    assert "Sign in to ask" in page or "Войдите" in page
    assert client.get(reverse("directline:list")).status_code == 200


def test_a_resident_asks_and_supports(client, line, admin):
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("directline:detail", args=[line.pk])
    response = client.post(url, {"text": "Будет ли новая школа в Нягани?"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == QuestionStatus.PENDING and question.author == resident

    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 400 and Question.objects.count() == 1

    other = services.question_enter(
        user=admin, campaign=line, channel=Channel.LETTER, text="Дороги"
    )
    client.post(reverse("directline:support", args=[other.pk]))
    client.post(reverse("directline:support", args=[other.pk]))
    other.refresh_from_db()
    assert other.support_count == 1


def test_staff_moderate_answer_and_close_with_a_clear_refusal(client, line, admin):
    asked = services.question_ask(user=UserFactory(), campaign=line, text="Про садик")
    client.force_login(admin)
    work = reverse("directline:work", args=[line.pk])
    assert client.get(work).status_code == 200

    client.post(reverse("directline:enter", args=[line.pk]), {"channel": "phone", "text": "Вода"})
    client.post(reverse("directline:publish", args=[asked.pk]))
    response = client.post(reverse("directline:close", args=[line.pk]), follow=True)
    page = response.content.decode()
    assert "2" in page and ("без ответа" in page or "no answer" in page)
    line.refresh_from_db()
    assert not line.is_closed

    for question in Question.objects.all():
        bad = client.post(reverse("directline:answer", args=[question.pk]), {"at": "ерунда"})
        assert bad.status_code == 302
        client.post(
            reverse("directline:answer", args=[question.pk]), {"text": "Ответ", "at": "12:05"}
        )
    assert set(Question.objects.values_list("answer_at_seconds", flat=True)) == {725}
    client.post(reverse("directline:close", args=[line.pk]))
    line.refresh_from_db()
    assert line.is_closed


def test_residents_may_not_reach_the_staff_pages(client, line):
    client.force_login(UserFactory())
    assert client.get(reverse("directline:work", args=[line.pk])).status_code == 403
    assert client.get(reverse("directline:create")).status_code == 403
    response = client.post(
        reverse("directline:enter", args=[line.pk]), {"channel": "phone", "text": "x"}
    )
    assert response.status_code == 302 and Question.objects.count() == 0


def test_an_admin_opens_a_line(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("directline:create"),
        {"title": "Прямая линия с главой Сургута", "event_at": "2030-05-22T12:00"},
    )
    assert response.status_code == 302
    assert Campaign.objects.get().title == "Прямая линия с главой Сургута"
    bad = client.post(reverse("directline:create"), {"title": "", "event_at": "завтра"})
    assert bad.status_code == 400 and Campaign.objects.count() == 1


def test_the_public_page_costs_the_same_queries_for_many_questions(client, line, admin):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(UserFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("directline:detail", args=[line.pk])).status_code == 200
        return len(queries)

    services.question_enter(user=admin, campaign=line, channel=Channel.PHONE, text="Один")
    few = count()
    for n in range(20):
        question = services.question_enter(
            user=admin, campaign=line, channel=Channel.LETTER, text=f"Вопрос {n}"
        )
        services.question_answer(user=admin, question=question, text="Ответ", at_seconds=n)
    assert count() == few


def test_a_line_of_many_questions_is_shown_a_page_at_a_time(client, line, admin):
    from veche.directline.views import QUESTIONS_PER_PAGE

    for n in range(QUESTIONS_PER_PAGE * 2 + 5):
        services.question_enter(user=admin, campaign=line, channel=Channel.LETTER, text=f"В{n}.")
    url = reverse("directline:detail", args=[line.pk])

    first = client.get(url).content.decode()
    last = client.get(url, {"page": 3}).content.decode()

    assert first.count('class="card report-card"') == QUESTIONS_PER_PAGE
    assert last.count('class="card report-card"') == 5
    assert 'rel="next"' in first and "41–45" in last
    assert client.get(url, {"page": "x"}).status_code == 200
