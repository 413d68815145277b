"""Issue 9's walk in chromium: a resident files an idea with a photo by keyboard alone (with
JavaScript and without it); the moderator publishes it from the moderation queue; three residents
support it and two comment (one a reply), the moderator approves the comments in the queue; the
municipal admin takes it into consideration, then for implementation by an agency; the agency
posts two progress updates with photos and marks it implemented — every step on the public page,
in the timeline and in the right people's notices; axe-core finds nothing on the pages on the
way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas.models import Idea, IdeaPhoto, Status
from veche.media.tests.files import GPS_IFD, exif_of, jpeg_with_gps
from veche.notifications.models import Notification
from veche.reports.tests.browser.test_public_pages import (  # noqa: F401
    _offline_tiles,
    choose_option,
    logged_in_page,
    tab_to,
)

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser
IDEA_PAGE = re.compile(r".*/ideas/\d+/$")


def _photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_with_gps(name).read()}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_files_an_idea_with_a_photo_by_keyboard_alone(
    new_page, live_server, axe_check, world, javascript
):
    page = logged_in_page(new_page, live_server, world.author, javascript=javascript)
    page.goto(live_server.url + "/ideas/new/")
    if javascript:
        axe_check(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Сквер у школы № 5")
    tab_to(page, "#id_text")
    page.keyboard.type("Разбить сквер с лавочками на пустыре у школы.")
    choose_option(page, "#id_category", world.category.name)
    choose_option(page, "#id_municipality", "Сургут")
    tab_to(page, "#id_photos")
    page.locator("#id_photos").set_input_files([_photo("skver.jpg")])
    tab_to(page, "#idea-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(IDEA_PAGE)
    idea = Idea.objects.get(author=world.author)
    assert idea.status == Status.SUBMITTED and idea.municipality == world.surgut
    expect(page.get_by_text(f"Идея № {idea.pk} отправлена")).to_be_visible()
    photo = IdeaPhoto.objects.get(idea=idea)
    photo.file.open()
    assert GPS_IFD not in exif_of(photo.file.read())
    if javascript:
        axe_check(page)


def _press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def _comment(new_page, live_server, user, idea, text: str, *, reply: bool = False) -> None:
    """The resident writes a comment (or replies to the first one) on the idea's page."""
    page = logged_in_page(new_page, live_server, user)
    page.goto(f"/ideas/{idea.pk}/")
    if reply:
        page.locator("details.comment-reply summary").first.click()
        page.get_by_label("Ваш ответ").fill(text)
        _press(page, "Отправить ответ")
    else:
        page.get_by_label("Ваш комментарий").fill(text)
        _press(page, "Отправить комментарий")
    expect(page.get_by_text("Ожидает модерации: другие его пока не видят.")).to_be_visible()
    page.context.close()


def _approve(moderator, kind: str, words: str, check=None) -> None:
    """The moderator approves the item with these words in the shared moderation queue."""
    moderator.goto(f"/moderation/?kind={kind}")
    if check:
        check(moderator)
    card = moderator.locator(".moderation-items > li", has_text=words)
    card.get_by_role("button", name=re.compile("^Одобрить")).click()
    moderator.wait_for_load_state("networkidle")


def _approve_comment(moderator, words: str) -> None:
    _approve(moderator, "comments.comment", words)
    expect(moderator.get_by_text("Комментарий опубликован.")).to_be_visible()


def test_the_whole_life_of_an_idea(new_page, live_server, axe_check, world):
    idea = Idea.objects.create(
        author=world.author,
        title="Велодорожка вдоль набережной",
        text="Проложить велодорожку.",
        category=world.category,
        municipality=world.surgut,
    )
    moderator = logged_in_page(new_page, live_server, world.moderator)
    moderator.goto(f"/ideas/{idea.pk}/")
    axe_check(moderator)
    _approve(moderator, "ideas.idea", idea.title, check=axe_check)
    expect(moderator.get_by_text(f"Идея № {idea.pk} опубликована.")).to_be_visible()

    residents = UserFactory.create_batch(3)
    for resident in residents:
        page = logged_in_page(new_page, live_server, resident)
        page.goto(f"/ideas/{idea.pk}/")
        _press(page, "Поддержать идею")
        expect(page.get_by_text("Спасибо: ваша поддержка учтена.")).to_be_visible()
        page.context.close()
    idea.refresh_from_db()
    assert idea.support_count == 3

    _comment(new_page, live_server, residents[0], idea, "Давно пора, катаемся по обочине.")
    _approve_comment(moderator, "Давно пора")
    _comment(new_page, live_server, residents[1], idea, "Согласна, и освещение нужно.", reply=True)
    _approve_comment(moderator, "Согласна")
    resident = logged_in_page(new_page, live_server, residents[2])
    resident.goto(f"/ideas/{idea.pk}/")
    expect(resident.get_by_role("heading", name="Комментарии (2)")).to_be_visible()
    for words in ("Давно пора, катаемся по обочине.", "Согласна, и освещение нужно."):
        expect(resident.get_by_text(words)).to_be_visible()
    for details in resident.locator("details.comment-reply, details.comment-complaint").all():
        details.evaluate("element => element.open = true")
    axe_check(resident)
    resident.context.close()

    admin = logged_in_page(new_page, live_server, world.mayor_office)
    admin.goto(f"/ideas/{idea.pk}/")
    _press(admin, "Взять на рассмотрение")
    admin.locator("#take-agency").select_option(str(world.parks.pk))
    later = timezone.localdate() + timedelta(days=90)
    admin.locator("#take-planned_date").fill(later.isoformat())
    admin.locator("#take-answer").fill("Включим в план благоустройства на следующий год.")
    axe_check(admin)
    _press(admin, "Взять в реализацию")
    expect(admin.get_by_text(f"Идея № {idea.pk} взята в реализацию.")).to_be_visible()

    agency = logged_in_page(new_page, live_server, world.parks_official)
    agency.goto(f"/ideas/{idea.pk}/")
    for number, text in enumerate(["Проект готов.", "Асфальт уложен."]):
        agency.locator("#progress-text").fill(text)
        agency.locator("#progress-photos").set_input_files([_photo(f"step{number}.jpg")])
        _press(agency, "Сообщить о ходе реализации")
        expect(agency.get_by_text("Сообщение о ходе реализации опубликовано.")).to_be_visible()
    agency.locator("#implement-note").fill("Велодорожка открыта.")
    _press(agency, "Отметить как реализованную")

    visitor = new_page(language="ru")
    visitor.goto(f"/ideas/{idea.pk}/")
    for words in ("Реализована", "Асфальт уложен.", "Проект готов.", "Велодорожка открыта."):
        expect(visitor.get_by_text(words, exact=True).first).to_be_visible()
    timeline = visitor.locator(".timeline")
    for step in ("Опубликована", "На рассмотрении", "Взята в реализацию", "Ход реализации"):
        expect(timeline).to_contain_text(step)
    expect(visitor.locator(".progress-updates img")).to_have_count(2)
    axe_check(visitor)

    expect(visitor.get_by_role("heading", name="Комментарии (2)")).to_be_visible()
    expect(visitor.locator(".comment-replies")).to_contain_text("Согласна, и освещение нужно.")

    idea.refresh_from_db()
    assert idea.status == Status.IMPLEMENTED
    author_notices = list(
        Notification.objects.filter(user=world.author).values_list("kind", flat=True)
    )
    # published, considered, taken, two updates, implemented; and the two comments
    assert len(author_notices) == 8 and author_notices.count("comments.new_comment") == 2
    replied = Notification.objects.filter(user=residents[0]).values_list("kind", flat=True)
    assert {"comments.approved", "comments.reply"} <= set(replied)
    assert (
        Notification.objects.filter(user=world.parks_official, kind="ideas.new_work").count() == 1
    )
