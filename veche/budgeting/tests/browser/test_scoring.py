"""Issue 13's scoring in Chromium, by keyboard alone, with JavaScript and without: an expert opens
the scoring page, reaches his application, types a score above the maximum (refused, the error
summary names the criterion), corrects it, comments and saves; axe-core finds nothing on the
scoring list, the form, its error state and the sheet page."""

import re

import pytest

from veche.budgeting.models import Score
from veche.budgeting.tests.commission_helpers import scoring_contest
from veche.reports.tests.browser.test_public_pages import logged_in_page, tab_to

pytestmark = pytest.mark.browser


def _type(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _press(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_expert_scores_by_keyboard_alone(new_page, live_server, axe_check, world, javascript):
    setup = scoring_contest(world, applications=1)
    social, quality = setup.criteria.social.pk, setup.criteria.quality.pk

    def check(page):
        if javascript:
            axe_check(page)

    page = logged_in_page(new_page, live_server, setup.expert, javascript=javascript)
    page.goto(f"{live_server.url}/budgeting/{setup.contest.pk}/scoring/")
    check(page)
    _press(page, "main ul.documents a")
    assert re.search(r"/budgeting/scoring/\d+/$", page.url)
    check(page)
    _type(page, f"#score-{social}", "12")
    _type(page, f"#score-{quality}", "4")
    _press(page, "form.stacked button[type=submit]")
    assert "Социальная значимость: от 0 до 10." in page.inner_text(".error-summary")
    assert not Score.objects.exists()
    check(page)
    _type(page, f"#score-{social}", "8,5")
    _type(page, f"#comment-{social}", "Площадка нужна сорока семьям")
    _press(page, "form.stacked button[type=submit]")
    assert page.url.endswith(f"/budgeting/{setup.contest.pk}/scoring/")
    saved = dict(Score.objects.values_list("criterion_id", "value"))
    assert saved == {social: 8.5, quality: 4}
    page.goto(f"{live_server.url}/budgeting/{setup.contest.pk}/sheet/")
    check(page)
