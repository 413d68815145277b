"""Factories for the notifications app."""

import factory

from veche.accounts.tests.factories import UserFactory
from veche.notifications.models import Notification, Preference, Subscription


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "status_changed"
    title = factory.Sequence(lambda n: f"Сообщение № {n}: новый статус")
    text = factory.LazyFunction(lambda: ["Направлено в ведомство."])
    link = factory.Sequence(lambda n: f"/reports/{n}/")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    email_enabled = True
    digest_enabled = True
