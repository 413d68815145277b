"""The seam with the reports app, end to end: the real services enqueue their events, the task
runs at once (ImmediateBackend) and the right people — only they — hear of each step."""

import pytest
from django.core import mail

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.notifications.models import Notification
from veche.notifications.tests.factories import SubscriptionFactory
from veche.reports import services
from veche.reports.models import Answer
from veche.reports.tests.factories import TopicFactory
from veche.territory.tests.factories import MunicipalityFactory

from .factories import agency_head, moderator, official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("calendar")]


def heard(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True)
    )


def test_every_step_is_told_to_the_right_people(settings):
    settings.REPORT_SUPPORT_THRESHOLDS = (2,)
    town, elsewhere = MunicipalityFactory(name="Сургут"), MunicipalityFactory(name="Урай")
    administration = MunicipalAdministrationFactory(administers=town)
    other_administration = MunicipalAdministrationFactory(administers=elsewhere)
    author, topic = UserFactory(), TopicFactory()
    local_moderator, far_moderator = moderator(town), moderator(elsewhere)
    worker, head = official(administration), agency_head(administration)
    far_official = official(other_administration)
    subscriber = SubscriptionFactory(municipality=town).user
    far_subscriber = SubscriptionFactory(municipality=elsewhere).user

    report = services.report_submit(
        author=author, topic=topic, text="Яма у дома 5", lat=town.centre_lat, lon=town.centre_lon
    )
    assert heard(local_moderator) == ["submitted"]
    assert heard(author) == ["received"]

    report = services.report_publish(moderator=local_moderator, report=report)
    assert heard(author) == ["received", "status_changed"]
    assert heard(worker) == ["new_work"] and heard(head) == ["new_work"]
    assert heard(subscriber) == ["new_report"]

    services.report_support(user=UserFactory(), report=report)
    services.report_support(user=UserFactory(), report=report)
    assert heard(worker) == ["new_work", "support_threshold"]

    services.report_add_note(official=worker, report=report, text="Позвонить подрядчику")
    services.report_request_reassignment(official=worker, report=report, reason="Это дороги")
    assert heard(local_moderator) == ["submitted", "reassignment_requested"]

    report = services.report_take_into_work(official=worker, report=report)
    services.report_extend_deadline(official=worker, report=report, reason="Нужен подрядчик")
    services.report_answer(
        official=worker, report=report, kind=Answer.Kind.RESOLVED, text="Яму заделали."
    )
    report.refresh_from_db()
    services.report_confirm(author=author, report=report, rating=5)

    assert heard(author) == [
        "received",
        "status_changed",
        "status_changed",
        "deadline_extended",
        "answered",
    ]
    for nobody in (far_moderator, far_official, far_subscriber):
        assert heard(nobody) == []
    answer_letter = [m for m in mail.outbox if m.to == [author.email]][-1]
    assert answer_letter.subject == f"Сообщение № {report.pk}: получен ответ ведомства"
    assert "Яму заделали." in answer_letter.body
    assert "Позвонить подрядчику" not in "".join(m.body for m in mail.outbox)
