import json

import pytest

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.accounts.tests.factories import UserFactory
from veche.notifications.models import Notification, Preference, Subscription
from veche.territory.tests.factories import MunicipalityFactory

from .factories import NotificationFactory, PreferenceFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_users_notifications_subscriptions_and_settings():
    user = UserFactory()
    NotificationFactory(user=user, title="Сообщение № 3: получен ответ")
    NotificationFactory(title="чужое")
    SubscriptionFactory(user=user, municipality=MunicipalityFactory(name="Нягань"))
    PreferenceFactory(user=user, digest_enabled=False)

    data = export_sections()["notifications"](user)
    json.dumps(data)  # serialisable as it is
    assert [n["title"] for n in data["notifications"]] == ["Сообщение № 3: получен ответ"]
    assert data["subscriptions"][0]["municipality"] == "Нягань"
    assert data["preferences"] == {
        "email_enabled": True,
        "digest_enabled": False,
        "language": "",
        "sms_enabled": False,
        "push_enabled": False,
    }


def test_deleting_the_account_erases_them():
    user, other = UserFactory(), UserFactory()
    for person in (user, other):
        NotificationFactory(user=person)
        SubscriptionFactory(user=person, municipality=MunicipalityFactory())
        PreferenceFactory(user=person)
    deletion_hooks()["notifications"](user)
    for model in (Notification, Subscription, Preference):
        assert list(model.objects.values_list("user_id", flat=True)) == [other.pk]
