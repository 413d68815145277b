"""Issue 13 in Chromium, by keyboard, with JavaScript and without: a resident votes for three
projects and withdraws one; his receipts show the withdrawn vote; axe-core finds nothing on the
ballot page."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import PublicVote, VoteReceipt
from veche.budgeting.tests.factories import voting_contest
from veche.reports.tests.browser.test_public_pages import logged_in_page, tab_to

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_votes_for_three_projects_and_withdraws_one(
    new_page, live_server, axe_check, javascript
):
    contest, apps = voting_contest(projects=(300000, 450000, 600000, 800000), max_choices=3)
    voter = UserFactory()
    page = logged_in_page(new_page, live_server, voter, javascript=javascript)
    page.goto(f"{live_server.url}/budgeting/{contest.pk}/voting/")
    if javascript:
        axe_check(page)
    for app in apps[:3]:
        tab_to(page, f"#project-{app.pk}")
        page.keyboard.press("Space")
    tab_to(page, "form.ballot button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert PublicVote.objects.filter(user=voter).count() == 3
    assert "Квитанции новых голосов" in page.content()

    tab_to(page, f"#project-{apps[1].pk}")
    page.keyboard.press("Space")
    tab_to(page, "form.ballot button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert sorted(PublicVote.objects.filter(user=voter).values_list("tally_id", flat=True)) == [
        apps[0].pk,
        apps[2].pk,
    ]
    withdrawn = VoteReceipt.objects.get(user=voter, application=apps[1])
    assert withdrawn.withdrawn_at is not None
    assert "отозван" in page.locator("table").inner_text()
    if javascript:
        axe_check(page)
