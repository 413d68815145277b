"""Issue 11 in chromium: a resident comments on a passage selected with the mouse, then on a
section by keyboard alone with JavaScript and without it (picking the section and pasting the
passage); axe-core finds nothing on the pages he passes."""

import pytest

from veche.discussions.models import DraftComment
from veche.discussions.tests.factories import draft_with
from veche.reports.tests.browser.test_public_pages import choose_option, logged_in_page, tab_to

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

# Where some words of an element's first text stand on the screen (to drag the mouse over them).
WORDS_BOX = """([selector, words]) => {
  const node = document.querySelector(selector).firstChild;
  const range = document.createRange();
  const at = node.textContent.indexOf(words);
  range.setStart(node, at);
  range.setEnd(node, at + words.length);
  const r = range.getBoundingClientRect();
  return {left: r.left, right: r.right, y: r.top, height: r.height};
}"""
THANKS = "Спасибо: комментарий появится после проверки модератором."


@pytest.fixture
def draft(world):
    return draft_with(municipality=world.surgut, title="Правила благоустройства Сургута")


def test_a_resident_comments_on_a_passage_selected_with_the_mouse(
    new_page, live_server, axe_check, world, draft
):
    section = draft.sections.get(heading="Содержание дворов")
    page = logged_in_page(new_page, live_server, world.anna)
    page.goto(f"/discussions/{draft.pk}/")
    axe_check(page)
    page.locator(f"#section-{section.pk}").scroll_into_view_if_needed()
    # Drag over the words «Снег вывозится в течение» of the section's paragraph.
    box = page.evaluate(
        WORDS_BOX, [f"#section-{section.pk} .section-body p", "Снег вывозится в течение"]
    )
    middle = box["y"] + box["height"] / 2
    page.mouse.move(box["left"] + 1, middle)
    page.mouse.down()
    page.mouse.move(box["right"] - 1, middle, steps=8)
    page.mouse.up()
    button = page.get_by_role("button", name="Прокомментировать выделенный фрагмент")
    expect(button).to_be_visible()
    axe_check(page)
    button.click()
    expect(page.locator("#dc-text")).to_be_focused()
    expect(page.locator("#dc-section")).to_have_value(str(section.pk))
    passage = page.locator("#dc-passage").input_value()
    assert "вывозится в" in passage
    assert passage in "Дворы убираются ежедневно. Снег вывозится в течение суток."
    page.locator("#dc-text").fill("Уточните, кто убирает дворы.")
    page.locator("form[data-comment-form] button[type=submit]").click()
    expect(page.get_by_text(THANKS)).to_be_visible()
    note = DraftComment.objects.get()
    assert note.section_id == section.pk and note.passage == passage
    axe_check(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_comments_on_a_section_by_keyboard_alone(
    new_page, live_server, axe_check, world, draft, javascript
):
    section = draft.sections.get(heading="Парки и скверы")
    page = logged_in_page(new_page, live_server, world.anna, javascript=javascript)
    page.goto(f"/discussions/{draft.pk}/")
    if javascript:
        # The section's own link fills the form's section (a page of its own, no script needed).
        tab_to(page, f"#section-{section.pk} .section-comment-link")
        page.keyboard.press("Enter")
        expect(page.locator("#dc-section")).to_have_value(str(section.pk))
    else:
        choose_option(page, "#dc-section", "Парки и скверы")
        tab_to(page, "#dc-passage")
        page.keyboard.type("Газоны косят не реже двух раз в месяц.")
    tab_to(page, "#dc-text")
    page.keyboard.type("Косить нужно чаще.")
    tab_to(page, "#dc-is_proposal")
    page.keyboard.press("Space")
    tab_to(page, "#dc-wording")
    page.keyboard.type("Газоны косят еженедельно.")
    tab_to(page, "form[data-comment-form] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text(THANKS)).to_be_visible()
    axe_check(page)
    note = DraftComment.objects.get()
    assert note.section_id == section.pk and note.is_proposal
    assert note.wording == "Газоны косят еженедельно."
    if not javascript:
        assert note.passage == "Газоны косят не реже двух раз в месяц."
