"""Factories for the notifications app, and helpers that give a report its staff."""

import factory

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.notifications.models import Notification, Preference, Subscription
from veche.staff.models import Role, RoleAssignment


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "status_changed"
    title = factory.Sequence(lambda n: f"Сообщение № {n}: новый статус")
    body = "Направлено в ведомство."
    url = factory.Sequence(lambda n: f"/reports/{n}/")


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


def official(agency, **user_fields) -> "StaffUserFactory":
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.OFFICIAL, agency=agency)
    return user


def agency_head(agency, **user_fields):
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_HEAD, agency=agency)
    return user


def moderator(municipality=None, **user_fields):
    """A moderator of the municipality; of the whole region when it is None."""
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.MODERATOR, municipality=municipality)
    return user
