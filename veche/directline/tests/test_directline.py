"""The direct line's rules: questions wait for moderation, staff enter calls and letters,
residents support published questions once, every question is answered before the line can be
closed, and the figures count by channel and answered."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.directline import queue, selectors, services
from veche.directline.models import Campaign, Channel, Question, QuestionStatus
from veche.events.models import Event
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(db):
    return Campaign.objects.create(
        title="Прямая линия с губернатором", event_at=timezone.now() + timedelta(days=7)
    )


@pytest.fixture
def admin(db):
    return RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user


@pytest.fixture
def moderator(db):
    return RegionWideRoleFactory(role=Role.MODERATOR).user


def test_a_residents_question_waits_for_moderation(line, moderator):
    question = services.question_ask(
        user=UserFactory(), campaign=line, text="Когда отремонтируют дорогу?"
    )
    assert question.status == QuestionStatus.PENDING and question.channel == Channel.PORTAL
    assert list(selectors.public_questions(line)) == []
    assert [item.id for item in queue.pending(moderator)] == [question.pk]
    queue.approve(moderator, question.pk)
    assert list(selectors.public_questions(line)) == [question]
    assert StaffAuditLog.objects.filter(action="directline.question_published").count() == 1


def test_who_may_ask(line):
    with pytest.raises(PermissionDenied):
        services.question_ask(user=UnconfirmedUserFactory(), campaign=line, text="Вопрос")
    line.closed_at = timezone.now()
    with pytest.raises(PermissionDenied):
        services.question_ask(user=UserFactory(), campaign=line, text="Вопрос")
    with pytest.raises(ValidationError):
        services.question_ask(user=UserFactory(), campaign=Campaign.objects.get(), text="   ")
    assert Question.objects.count() == 0


def test_a_video_that_is_not_a_video_is_refused(line):
    fake = SimpleUploadedFile("q.mp4", b"not a video at all", content_type="video/mp4")
    with pytest.raises(ValidationError):
        services.question_ask(user=UserFactory(), campaign=line, text="Вопрос", video=fake)
    assert Question.objects.count() == 0


def test_staff_enter_calls_and_letters_published(line, admin):
    question = services.question_enter(
        user=admin, campaign=line, channel=Channel.PHONE, text="Нет воды", caller_name="Иванова"
    )
    assert question.status == QuestionStatus.PUBLISHED and question.author is None
    with pytest.raises(ValidationError):
        services.question_enter(user=admin, campaign=line, channel=Channel.PORTAL, text="x")
    with pytest.raises(PermissionDenied):
        services.question_enter(user=UserFactory(), campaign=line, channel=Channel.PHONE, text="x")


def test_a_municipal_admin_runs_his_municipalitys_line_only(line):
    urai = MunicipalityFactory(name="Урай")
    urai_line = Campaign.objects.create(
        title="Прямая линия с главой Урая", municipality=urai, event_at=line.event_at
    )
    urai_admin = RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=urai).user
    services.question_enter(user=urai_admin, campaign=urai_line, channel=Channel.LETTER, text="x")
    with pytest.raises(PermissionDenied):
        services.question_enter(user=urai_admin, campaign=line, channel=Channel.LETTER, text="x")


def test_residents_support_a_published_question_once_not_their_own(line, admin, moderator):
    author = UserFactory()
    question = services.question_ask(user=author, campaign=line, text="Нужен светофор")
    neighbour = UserFactory()
    assert services.question_support(user=neighbour, question=question) == 0  # still pending
    services.question_publish(user=moderator, question=question)
    assert services.question_support(user=neighbour, question=question) == 1
    assert services.question_support(user=neighbour, question=question) == 1
    assert services.question_support(user=author, question=question) == 1
    assert Event.objects.filter(kind="directline.supported").count() == 1


def test_the_line_closes_only_when_every_question_is_answered(line, admin, moderator):
    asked = services.question_ask(user=UserFactory(), campaign=line, text="Про детский сад")
    called = services.question_enter(user=admin, campaign=line, channel=Channel.PHONE, text="Вода")
    rejected = services.question_ask(user=UserFactory(), campaign=line, text="Реклама")
    services.question_reject(user=moderator, question=rejected, reason="off_topic")

    with pytest.raises(ValidationError) as refused:
        services.campaign_close(user=admin, campaign=line)
    assert refused.value.code == "unanswered"
    assert "2" in refused.value.messages[0]

    with pytest.raises(ValidationError):  # pending: moderated first
        services.question_answer(user=admin, question=asked, text="Ответ")
    services.question_publish(user=moderator, question=asked)
    services.question_answer(user=admin, question=asked, at_seconds=754)
    with pytest.raises(ValidationError) as refused:
        services.campaign_close(user=admin, campaign=line)
    assert refused.value.code == "unanswered"

    with pytest.raises(ValidationError):
        services.question_answer(user=admin, question=called)  # neither text nor moment
    services.question_answer(user=admin, question=called, text="Водопровод починят к пятнице.")
    closed = services.campaign_close(user=admin, campaign=line)
    assert closed.is_closed
    assert Event.objects.filter(kind="directline.closed").count() == 1
    with pytest.raises(ValidationError):
        services.campaign_close(user=admin, campaign=line)


def test_figures_by_channel_and_answered(line, admin, moderator):
    for n in range(3):
        services.question_publish(
            user=moderator,
            question=services.question_ask(user=UserFactory(), campaign=line, text=f"Вопрос {n}"),
        )
    letter = services.question_enter(user=admin, campaign=line, channel=Channel.LETTER, text="П")
    services.question_enter(user=admin, campaign=line, channel=Channel.PHONE, text="Звонок")
    services.question_answer(user=admin, question=letter, text="Ответ")
    figures = selectors.figures(line)
    assert figures.total == 5 and figures.through_portal == 3 and figures.answered == 1
    assert figures.by_channel == {"portal": 3, "video": 0, "phone": 1, "letter": 1}


def test_export_and_deletion(line, moderator):
    from veche.directline import privacy

    author = UserFactory()
    kept = services.question_ask(user=author, campaign=line, text="Опубликованный вопрос")
    services.question_publish(user=moderator, question=kept)
    services.question_ask(user=author, campaign=line, text="Ещё на модерации")
    exported = privacy.export_section(author)
    assert [q["text"] for q in exported["direct_line_questions"]] == [
        "Опубликованный вопрос",
        "Ещё на модерации",
    ]
    privacy.deletion_hook(author)
    assert list(Question.objects.values_list("text", flat=True)) == ["Опубликованный вопрос"]


def test_a_video_question_is_capped_at_three_minutes(line):
    from veche.media.tests.files import mp4_with_gps, mvhd

    resident = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.question_ask(
            user=resident, campaign=line, text="Вопрос", video=mp4_with_gps(header=mvhd(200))
        )
    assert "3:00" in error.value.messages[0] and "3:20" in error.value.messages[0]
    assert Question.objects.count() == 0
    question = services.question_ask(
        user=resident, campaign=line, text="Вопрос", video=mp4_with_gps(header=mvhd(170))
    )
    assert question.channel == Channel.VIDEO and question.video
