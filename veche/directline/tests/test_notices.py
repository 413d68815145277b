"""The asker hears of his question: answered (with the answer and the moment) or declined by
moderation (with the reason), once, in his language; calls and letters tell nobody. His cabinet
lists his questions with their state."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.directline import notices, services
from veche.directline.models import Campaign, Channel
from veche.notifications.models import Notification
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


def test_the_asker_hears_of_the_answer_once(line, admin):
    asker = UserFactory()
    question = services.question_ask(user=asker, campaign=line, text="Когда построят школу?")
    services.question_publish(user=admin, question=question)
    assert not Notification.objects.filter(user=asker).exists()
    services.question_answer(user=admin, question=question, text="В 2027 году.", at_seconds=754)
    notice = Notification.objects.get(user=asker)
    assert notice.link == f"{line.get_absolute_url()}#question-{question.pk}"
    assert "Прямая линия с губернатором" in notice.title_text
    assert "В 2027 году." in notice.body_text and "12:34" in notice.body_text
    # A corrected answer and a retried task tell him nothing again.
    services.question_answer(user=admin, question=question, text="В 2028 году.")
    assert notices.deliver(kind="answered", question_id=question.pk) == 0
    assert Notification.objects.filter(user=asker).count() == 1


def test_the_asker_hears_why_moderation_declined(line, admin):
    asker = UserFactory()
    question = services.question_ask(user=asker, campaign=line, text="Вопрос не по теме")
    services.question_reject(user=admin, question=question, reason="off_topic")
    notice = Notification.objects.get(user=asker)
    assert notice.link == line.get_absolute_url()
    assert (
        "not a question to the direct line" in notice.body_text or "не вопрос" in notice.body_text
    )


def test_calls_and_letters_tell_nobody(line, admin):
    called = services.question_enter(
        user=admin, campaign=line, channel=Channel.PHONE, text="Нет воды", caller_name="Иванова"
    )
    services.question_answer(user=admin, question=called, text="Дадут завтра.")
    assert Notification.objects.count() == 0


def test_the_cabinet_lists_the_askers_questions_with_their_state(client, line, admin):
    asker = UserFactory()
    answered = services.question_ask(user=asker, campaign=line, text="Про дорогу в Нягань")
    services.question_publish(user=admin, question=answered)
    services.question_answer(user=admin, question=answered, text="Летом.")
    declined = services.question_ask(user=asker, campaign=line, text="Про соседа")
    services.question_reject(user=admin, question=declined, reason="personal_data")
    services.question_ask(user=asker, campaign=line, text="Про автобус")
    services.question_ask(user=UserFactory(), campaign=line, text="Чужой вопрос")
    client.force_login(asker)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Про дорогу в Нягань" in page and "Про соседа" in page and "Про автобус" in page
    assert "Чужой вопрос" not in page
    assert f"#question-{answered.pk}" in page
    for state in ("badge-success", "badge-error", "badge-warning"):
        assert state in page
