"""The thread in chromium, with axe: a resident replies with JavaScript off, a thread with every
state of comment (and its open forms) as a resident and as a moderator, in the normal version
and the one for the visually impaired."""

import pytest
from django.conf import settings
from django.test import Client

from veche.comments import services
from veche.comments.models import Comment

from ..helpers import published, write

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.urls("veche.comments.tests.urls")]


def logged_in(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def every_state(world) -> None:
    top = published(world, text="Поддерживаю, давно пора.")
    reply = published(world, author=world.neighbour, parent=top, text="Согласна.")
    published(world, author=world.third, parent=reply, text="И я.")
    complained = published(world, author=world.third, text="Спорное мнение")
    for user in (world.neighbour, world.fourth, world.author):
        services.comment_complain(user=user, comment=complained)
    removed = published(world, author=world.fourth, text="Грубость")
    services.comment_remove(moderator=world.moderator, comment=removed, reason=world.reason)
    write(world, author=world.neighbour, text="Мой новый комментарий")


def test_a_resident_replies_without_javascript(new_page, live_server, world, kind):
    top = published(world)
    page = logged_in(new_page, live_server, world.neighbour, javascript=False)
    page.goto(live_server.url + f"/test-item/{world.report.pk}/")
    page.get_by_text("Ответить").click()
    page.get_by_label("Ваш ответ").fill("Согласна, и у нас так же.")
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_text("Комментарий отправлен")).to_be_visible()
    reply = Comment.objects.get(parent=top)
    assert page.url.endswith(f"#comment-{reply.pk}")


@pytest.mark.parametrize("who", ["neighbour", "moderator"])
@pytest.mark.parametrize("low_vision", [False, True])
def test_the_thread_has_no_axe_violations(
    new_page, live_server, axe_check, world, kind, who, low_vision
):
    every_state(world)
    page = logged_in(new_page, live_server, getattr(world, who), low_vision=low_vision)
    page.goto(live_server.url + f"/test-item/{world.report.pk}/")
    expect(page.get_by_role("heading", name="Комментарии (3)")).to_be_visible()
    for details in page.locator(
        "details.comment-reply, details.comment-complaint, details.comment-remove"
    ).all():
        details.evaluate("element => element.open = true")
    axe_check(page)


def test_the_error_page_has_no_axe_violations(new_page, live_server, axe_check, world, kind):
    page = logged_in(new_page, live_server, world.neighbour)
    page.goto(live_server.url + f"/test-item/{world.report.pk}/")
    page.get_by_label("Ваш комментарий").evaluate("element => element.removeAttribute('maxlength')")
    page.get_by_label("Ваш комментарий").fill("я" * 2001)
    page.get_by_role("button", name="Отправить комментарий").click()
    expect(page.get_by_role("alert")).to_be_focused()
    axe_check(page)
