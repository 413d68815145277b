import pytest
from django.template import Context, Template
from django.test import RequestFactory

from veche.accounts.tests.factories import UserFactory

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


def render(source: str, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load notifications %}" + source).render(Context({"request": request}))


def test_unread_count_counts_only_unread_notifications_of_the_user():
    user = UserFactory()
    NotificationFactory.create_batch(2, user=user)
    NotificationFactory(user=user, read_at="2025-01-01T00:00:00Z")
    NotificationFactory()
    assert render("{% unread_count %}", user) == "2"
    assert render("{% unread_count as n %}[{{ n }}]", user) == "[2]"


def test_unread_count_is_zero_for_visitors():
    from django.contrib.auth.models import AnonymousUser

    assert render("{% unread_count %}", AnonymousUser()) == "0"


def test_notifications_link_is_accessible():
    user = UserFactory()
    NotificationFactory.create_batch(3, user=user)
    html = render("{% notifications_link %}", user)
    assert 'href="/notifications/"' in html
    assert "Уведомления" in html
    assert '<span class="visually-hidden"> непрочитанных</span>' in html
