"""The pages: the in-app list with mark-read (plain POST and HTMX), subscriptions, preferences."""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.notifications import categories, digest
from veche.notifications.models import Notification, Preference, Subscription
from veche.territory.tests.factories import MunicipalityFactory

from .factories import NotificationFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_pages_need_login(client):
    for name in ("list", "subscriptions", "preferences"):
        response = client.get(reverse(f"notifications:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_only_my_notifications_unread_marked(client, user):
    mine = NotificationFactory(user=user, title="Сообщение № 7: новый статус")
    NotificationFactory(title="Чужое уведомление")
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert "Сообщение № 7: новый статус" in response.text
    assert "Чужое уведомление" not in response.text
    assert "У вас 1 непрочитанное уведомление." in response.text
    assert f'id="notification-{mine.pk}" class="notification notification-unread"' in response.text


def test_mark_read_without_javascript_redirects_back(client, user):
    notification = NotificationFactory(user=user)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), {"next": "/notifications/?page=1"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifications/?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_refuses_an_outside_next(client, user):
    notification = NotificationFactory(user=user)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


def test_mark_read_with_htmx_returns_the_item(client, user):
    notification = NotificationFactory(user=user, title="Сообщение № 9: получен ответ")
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<li id="notification-{notification.pk}"')
    assert "notification-unread" not in response.text
    assert "Отметить прочитанным" not in response.text


@pytest.mark.parametrize("is_superuser", [False, True])
def test_cannot_mark_someone_elses_notification(client, user, is_superuser):
    user.is_superuser = is_superuser
    user.save()
    other = NotificationFactory()
    response = client.post(reverse("notifications:read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client, user):
    NotificationFactory.create_batch(3, user=user)
    untouched = NotificationFactory()
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Все уведомления отмечены прочитанными." in response.text
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    untouched.refresh_from_db()
    assert untouched.read_at is None


def test_mark_read_needs_post(client, user):
    notification = NotificationFactory(user=user)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


# --- Subscriptions ---------------------------------------------------------------------------


@pytest.fixture
def roads(monkeypatch):
    """A category an app registered (here a stand-in for one, e.g. the reports' categories)."""
    source = categories.CategorySource("ideas", "Ideas", lambda: [("ideas:roads", "Дороги")])
    monkeypatch.setitem(categories._sources, "ideas", source)
    return "ideas:roads"


def test_subscribe_to_a_municipality_and_category(client, user, roads):
    municipality = MunicipalityFactory(name="Сургут")
    response = client.post(
        reverse("notifications:subscriptions"),
        {"municipality": municipality.pk, "category_key": roads},
        follow=True,
    )
    assert "Подписка оформлена." in response.text
    subscription = Subscription.objects.get(user=user)
    assert (subscription.municipality, subscription.category_key) == (municipality, roads)
    assert "Сургут" in response.text and "Дороги" in response.text


def test_a_category_no_app_registered_is_refused(client, user, roads):
    response = client.post(
        reverse("notifications:subscriptions"), {"category_key": "ideas:potholes"}
    )
    assert response.status_code == 200 and "category_key" in response.context["form"].errors
    assert not Subscription.objects.exists()


def test_subscribe_to_an_area(client, user):
    client.post(
        reverse("notifications:subscriptions"),
        {"south": "61.2", "west": "73.3", "north": "61.3", "east": "73.5"},
    )
    subscription = Subscription.objects.get(user=user)
    assert (subscription.min_lat, subscription.max_lon) == (61.2, 73.5)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Выберите муниципальное образование, категорию или область на карте."),
        ({"south": "61"}, "Укажите все четыре границы области или ни одной."),
        (
            {"south": "62", "west": "73", "north": "61", "east": "74"},
            "Северная граница должна быть севернее южной.",
        ),
    ],
)
def test_subscription_errors_in_russian(client, user, data, error):
    response = client.post(reverse("notifications:subscriptions"), data)
    assert response.status_code == 200
    assert error in response.text
    assert 'class="error-summary"' in response.text
    assert not Subscription.objects.exists()


def test_the_same_subscription_twice_is_refused(client, user):
    municipality = MunicipalityFactory()
    SubscriptionFactory(user=user, municipality=municipality)
    response = client.post(
        reverse("notifications:subscriptions"), {"municipality": municipality.pk}
    )
    assert "У вас уже есть такая подписка." in response.text
    assert Subscription.objects.count() == 1


def test_remove_my_subscription_but_not_anothers(client, user):
    mine = SubscriptionFactory(user=user, municipality=MunicipalityFactory())
    theirs = SubscriptionFactory(municipality=MunicipalityFactory())
    assert (
        client.post(reverse("notifications:subscription_delete", args=[theirs.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("notifications:subscription_delete", args=[mine.pk]), follow=True
    )
    assert "Подписка отменена." in response.text
    assert list(Subscription.objects.all()) == [theirs]


# --- Preferences -----------------------------------------------------------------------------


def test_resident_turns_email_off_and_sees_no_digest_switch(client, user):
    page = client.get(reverse("notifications:preferences"))
    assert "Присылать уведомления и по электронной почте" in page.text
    assert "ежедневную сводку" not in page.text
    response = client.post(reverse("notifications:preferences"), {}, follow=True)
    assert "Настройки уведомлений сохранены." in response.text
    preference = Preference.objects.get(user=user)
    assert (preference.email_enabled, preference.digest_enabled) == (False, True)


def test_someone_an_app_writes_a_digest_to_switches_it(client, monkeypatch):
    worker = UserFactory()
    source = digest.DigestSource(
        "ideas", lambda: type(worker).objects.filter(pk=worker.pk), lambda user, now: None
    )
    monkeypatch.setitem(digest._sources, "ideas", source)
    client.force_login(worker)
    assert "ежедневную сводку" in client.get(reverse("notifications:preferences")).text
    client.post(reverse("notifications:preferences"), {"email_enabled": "on"})
    preference = Preference.objects.get(user=worker)
    assert (preference.email_enabled, preference.digest_enabled) == (True, False)


def test_the_language_of_letters_is_chosen_in_the_preferences(client, user):
    client.post(reverse("notifications:preferences"), {"email_enabled": "on", "language": "en"})
    assert Preference.objects.get(user=user).language == "en"
    response = client.post(reverse("notifications:preferences"), {"language": "xx"})
    assert "language" in response.context["form"].errors
    assert Preference.objects.get(user=user).language == "en"


# --- Opening a notice marks it read (issue 8) ---------------------------------------------


@pytest.mark.parametrize(
    ("link", "lands"),
    [
        ("/reports/5/", "/reports/5/"),
        ("https://evil.example/phish", "/notifications/"),
        ("//evil.example/x", "/notifications/"),
        ("", "/notifications/"),
    ],
)
def test_opening_a_notice_marks_it_read_and_stays_on_the_site(client, link, lands):
    user = UserFactory()
    notice = NotificationFactory(user=user, link=link)
    client.force_login(user)
    response = client.get(f"/notifications/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == lands
    notice.refresh_from_db()
    assert notice.read_at is not None
    listing = client.get("/notifications/").content.decode()
    assert f'href="/notifications/{notice.pk}/open/"' in listing or not link


def test_nobody_opens_anothers_notice(client):
    owner, other = UserFactory(), UserFactory()
    notice = NotificationFactory(user=owner, link="/")
    client.force_login(other)
    assert client.get(f"/notifications/{notice.pk}/open/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
