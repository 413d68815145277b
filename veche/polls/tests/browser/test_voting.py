"""Issue 10 in chromium: a resident votes by keyboard alone (with JavaScript and without it) in a
poll whose second question is asked only after a given answer (a second step), ranks options
with selects and sees his ballot; axe-core finds nothing on the list, the poll, the results
(their bar tables included) and the organizer's editor."""

import pytest

from veche.polls.models import Ballot, QuestionKind, ResultsVisibility
from veche.polls.services import Response, ballot_cast
from veche.polls.tests.factories import PollFactory, add_question, option
from veche.reports.tests.browser.test_public_pages import logged_in_page, tab_to

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


@pytest.fixture
def poll(world):
    poll = PollFactory(
        municipality=world.surgut,
        title="Какой парк Сургута благоустроить?",
        results_visibility=ResultsVisibility.LIVE,
        asks_demographics=True,
    )
    first = add_question(poll, text="Вы бываете в парках?", options=("Да", "Нет"))
    add_question(
        poll,
        QuestionKind.MULTIPLE,
        text="Что добавить в парке?",
        options=("Скамейки", "Фонари", "Туалет"),
        max_choices=2,
        shown_if=option(first, "Да"),
    )
    add_question(
        poll,
        QuestionKind.RANKING,
        text="Расставьте парки",
        options=("Кедровый лог", "Сквер Нефтяников"),
    )
    return poll


def _id(question, suffix) -> str:
    return f"#ballot-question_{question.pk}_{suffix}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_votes_by_keyboard_alone_in_two_steps(
    new_page, live_server, axe_check, world, poll, javascript
):
    first, extras, ranking = poll.questions.order_by("position")
    page = logged_in_page(new_page, live_server, world.surgut_resident, javascript=javascript)
    page.goto(f"/polls/{poll.pk}/")
    axe_check(page)
    tab_to(page, _id(first, 0))
    page.keyboard.press("Space")  # «Да»
    tab_to(page, _id(ranking, 0))
    page.keyboard.press("ArrowDown")  # place 1 for «Кедровый лог»
    tab_to(page, _id(ranking, 1))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # place 2 for «Сквер Нефтяников»
    tab_to(page, "form.ballot button[type=submit]")
    page.keyboard.press("Enter")
    # The second step asks what «Да» opened, keeping the answers given.
    expect(page.get_by_text("Ваши ответы открыли новые вопросы")).to_be_visible()
    expect(page.locator(_id(first, 0))).to_be_checked()
    axe_check(page)
    tab_to(page, _id(extras, 1))
    page.keyboard.press("Space")  # «Фонари»
    tab_to(page, "form.ballot button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Спасибо: ваш бюллетень учтён.")).to_be_visible()
    ballot = Ballot.objects.get(poll=poll, voter=world.surgut_resident)
    chosen = set(ballot.answers.values_list("option__text", flat=True))
    assert chosen == {"Да", "Фонари", "Кедровый лог", "Сквер Нефтяников"}
    assert ballot.answers.get(option__text="Кедровый лог").rank == 1
    axe_check(page)


def test_the_list_results_and_editor_are_axe_clean(new_page, live_server, axe_check, world, poll):
    first, extras, ranking = poll.questions.order_by("position")
    for voter, answer in ((world.urai_resident, "Нет"), (world.verified, "Да")):
        answers = {
            first.pk: Response(options=[option(first, answer).pk]),
            ranking.pk: Response(options=[o.pk for o in ranking.options.all()]),
        }
        if answer == "Да":
            answers[extras.pk] = Response(options=[option(extras, "Скамейки").pk])
        ballot_cast(voter=voter, poll=poll, answers=answers)
    page = logged_in_page(new_page, live_server, world.mayor_office)
    for path in (
        "/polls/",
        f"/polls/{poll.pk}/results/",
        f"/polls/{poll.pk}/edit/",
        "/polls/new/",
        f"/polls/questions/{first.pk}/",
    ):
        page.goto(path)
        axe_check(page)
    page.goto(f"/polls/{poll.pk}/results/")
    expect(page.locator("table caption").first).to_be_visible()
