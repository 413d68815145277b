"""One-click unsubscribe: GET asks, POST (from the page or from the mail client, without a CSRF
token) does it — exactly the one thing the token names, for the user it names."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.notifications.models import Preference, Subscription
from veche.notifications.selectors import preference_for
from veche.notifications.tokens import make_unsubscribe_token, subscription_scope
from veche.territory.tests.factories import MunicipalityFactory

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def url(user, scope: str) -> str:
    return reverse(
        "notifications:unsubscribe", args=[make_unsubscribe_token(user_id=user.pk, scope=scope)]
    )


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_get_only_asks(client):
    user = UserFactory()
    response = client.get(url(user, "email"))
    assert response.status_code == 200
    assert "Не присылать мне уведомления по электронной почте." in response.text
    assert preference_for(user).email_enabled  # nothing changed by merely opening the link


def test_one_click_post_from_a_mail_client_turns_email_off(strict_client):
    user = UserFactory()
    response = strict_client.post(
        url(user, "email"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Мы больше не будем присылать вам уведомления по электронной почте." in response.text
    preference = Preference.objects.get(user=user)
    assert preference.email_enabled is False
    assert preference.digest_enabled is True  # single purpose: the digest is another switch


def test_digest_token_only_stops_the_digest(client):
    user = UserFactory()
    client.post(url(user, "digest"))
    preference = Preference.objects.get(user=user)
    assert (preference.email_enabled, preference.digest_enabled) == (True, False)


def test_subscription_token_cancels_that_subscription_only(client):
    user = UserFactory()
    first = SubscriptionFactory(user=user, municipality=MunicipalityFactory())
    second = SubscriptionFactory(user=user, municipality=MunicipalityFactory())
    response = client.post(url(user, subscription_scope(first.pk)))
    assert "Подписка отменена." in response.text
    assert list(Subscription.objects.values_list("pk", flat=True)) == [second.pk]
    assert preference_for(user).email_enabled

    again = client.post(url(user, subscription_scope(first.pk)))
    assert "вы уже были отписаны" in again.text


def test_a_token_cannot_cancel_someone_elses_subscription(client):
    mine, theirs = UserFactory(), SubscriptionFactory(municipality=MunicipalityFactory())
    response = client.post(url(mine, subscription_scope(theirs.pk)))
    assert response.status_code == 200
    assert Subscription.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda user: "garbage",
        lambda user: make_unsubscribe_token(user_id=user.pk, scope="email")[:-2] + "xx",
        lambda user: signing.dumps({"u": user.pk, "s": "email"}, salt="accounts.confirm"),
        lambda user: signing.dumps(
            {"u": user.pk, "s": "everything"}, salt="veche.notifications.unsubscribe"
        ),
        lambda user: make_unsubscribe_token(user_id=10**9, scope="email"),
    ],
    ids=["garbage", "altered", "other-salt", "unknown-scope", "no-such-user"],
)
def test_a_bad_token_changes_nothing(client, make):
    user = UserFactory()
    response = client.post(reverse("notifications:unsubscribe", args=[make(user)]))
    assert response.status_code == 400
    assert "Ссылка недействительна" in response.text
    assert not Preference.objects.exists()


def test_unsubscribe_page_is_reached_without_logging_in(client):
    user = UserFactory()
    response = client.get(url(user, "digest"))
    assert "Не присылать мне ежедневную сводку." in response.text
