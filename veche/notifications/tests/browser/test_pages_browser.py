"""In Chromium: the notification pages pass axe-core (0 violations), work by keyboard without
JavaScript, and marking read swaps the item in place with HTMX under the CSP."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from veche.accounts.tests.factories import UserFactory
from veche.notifications.models import Notification, Subscription
from veche.notifications.tests.factories import NotificationFactory
from veche.notifications.tokens import make_unsubscribe_token
from veche.notifications.webpush import vapid_key_pair
from veche.reports.tests.factories import CategoryFactory
from veche.territory.tests.factories import MunicipalityFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ALLOW_PUSH = "Разрешить уведомления в этом браузере"


def logged_in(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**({"language": "ru"} | options))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


@pytest.mark.parametrize("low_vision", [False, True], ids=["standard", "low-vision"])
def test_pages_have_no_axe_violations(new_page, live_server, axe_check, low_vision):
    user = UserFactory()
    NotificationFactory(user=user, title="Сообщение № 5: новый статус «в работе»")
    NotificationFactory(user=user, read_at="2025-01-01T00:00:00Z")
    MunicipalityFactory(name="Сургут")
    page = logged_in(new_page, live_server, user, low_vision=low_vision)
    for path in ("/notifications/", "/notifications/subscriptions/", "/notifications/preferences/"):
        page.goto(path)
        axe_check(page)
    page.goto("/notifications/subscriptions/")
    page.get_by_role("button", name="Подписаться").click()
    alert = page.get_by_role("alert")
    alert.get_by_text("Выберите муниципальное образование, категорию").wait_for()
    axe_check(page)
    token = make_unsubscribe_token(user_id=user.pk, scope="email")
    page.goto(f"/notifications/unsubscribe/{token}/")
    axe_check(page)
    page.get_by_role("button", name="Отписаться").click()
    page.get_by_role("heading", name="Вы отписались").wait_for()
    axe_check(page)


def test_subscribe_and_mark_read_by_keyboard_without_javascript(new_page, live_server):
    user = UserFactory()
    notice = NotificationFactory(user=user, title="Сообщение № 8: получен ответ ведомства")
    MunicipalityFactory(name="Нягань")
    CategoryFactory(name="Дороги")
    page = logged_in(new_page, live_server, user, javascript=False)

    page.goto("/notifications/subscriptions/")
    page.get_by_label("Муниципальное образование").select_option(label="Нягань")
    page.get_by_label("Категория").select_option(label="Дороги")
    page.get_by_role("button", name="Подписаться").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Подписка оформлена.").wait_for()
    assert Subscription.objects.get(user=user).municipality.name == "Нягань"

    page.goto("/notifications/")
    page.get_by_role("button", name="Отметить прочитанным").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name="Уведомления").wait_for()
    assert page.get_by_role("button", name="Отметить прочитанным").count() == 0
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_read_with_htmx_swaps_the_item(new_page, live_server, axe_check):
    user = UserFactory()
    first, second = NotificationFactory.create_batch(2, user=user)
    page = logged_in(new_page, live_server, user)
    page.goto("/notifications/")
    page.locator(f"#notification-{first.pk}").get_by_role("button").click()
    page.locator(f"#notification-{first.pk}:not(.notification-unread)").wait_for()
    assert page.url.endswith("/notifications/")
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None
    axe_check(page)


def test_push_button_appears_where_the_browser_can_push(new_page, live_server, axe_check):
    private, public = vapid_key_pair()
    with override_settings(WEBPUSH_VAPID_PRIVATE_KEY=private, WEBPUSH_VAPID_PUBLIC_KEY=public):
        page = logged_in(new_page, live_server, UserFactory())
        page.goto("/notifications/preferences/")
        # push.js registered the service worker and showed the section.
        page.get_by_role("button", name=ALLOW_PUSH).wait_for()
        # The worker's scope is /notifications/push/, not this page's, so `ready` would never
        # resolve here: ask for the registration itself.
        scopes = page.evaluate(
            "navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))"
        )
        assert any(scope.endswith("/notifications/push/") for scope in scopes)
        axe_check(page)
        no_js = logged_in(new_page, live_server, UserFactory(), javascript=False)
        no_js.goto("/notifications/preferences/")
        expect(no_js.get_by_role("button", name=ALLOW_PUSH)).to_be_hidden()
        push_box = no_js.get_by_label("Присылать уведомления также push-уведомлениями в браузер")
        assert push_box.count() == 1  # the choice itself needs no JavaScript
