"""Issue 12's walk in Chromium, by keyboard alone, with JavaScript and without: a resident
creates a group and invites a neighbour by e-mail, who accepts; the leader starts an
application, fills it with a file and a point on the map (the keyboard pans the map and marks
its centre; without JavaScript a settlement gives the point) and submits it; the organizer returns
it for revision with a remark; the leader corrects and resubmits it; the organizer admits it and
it is public. axe-core finds nothing on the pages on the way."""

import re

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import Application, FieldKind, GroupInvitation
from veche.budgeting.tests.factories import ContestFactory, add_template
from veche.media.tests.files import pdf
from veche.reports.tests.browser.test_public_pages import (  # noqa: F401
    _offline_tiles,
    choose_option,
    logged_in_page,
    tab_to,
)
from veche.territory.tests.factories import SettlementFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser
APPLICATION_PAGE = re.compile(r".*/budgeting/applications/\d+/$")


@pytest.fixture
def contest(world):
    made = ContestFactory(municipality=world.surgut, title="Народный бюджет Сургута")
    version = add_template(made)
    version.fields.create(
        key="field-4", kind=FieldKind.LOCATION, label="Место", required=True, position=4
    )
    return made


def _type(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _press(page, selector: str) -> None:
    """Reach the button by Tab and press Enter; the form posts and the next page loads."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_group_applies_is_returned_for_revision_and_admitted(
    new_page, live_server, axe_check, world, contest, javascript, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    village = SettlementFactory(municipality=world.surgut, name="Солнечный")

    def check(page):
        if javascript:
            axe_check(page)

    leader = logged_in_page(new_page, live_server, world.resident, javascript=javascript)
    leader.goto(live_server.url + "/budgeting/groups/new/")
    check(leader)
    _type(leader, "#group-name", "Соседи с Ленина, 5")
    choose_option(leader, "#group-municipality", "Сургут")
    _press(leader, "form.stacked button[type=submit]")
    check(leader)

    neighbour = UserFactory(email="sosed@example.org")
    _type(leader, "#invite-email", "sosed@example.org")
    _press(leader, "form[action$='/invite/'] button[type=submit]")
    token = GroupInvitation.objects.get(email="sosed@example.org").token
    guest = logged_in_page(new_page, live_server, neighbour, javascript=javascript)
    guest.goto(f"{live_server.url}/budgeting/invitations/{token}/")
    check(guest)
    _press(guest, "main form button[type=submit]")
    assert neighbour.group_memberships.count() == 1

    choose_option(leader, "#start-contest", "Народный бюджет Сургута")
    _type(leader, "#start-title", "Площадка во дворе")
    _press(leader, "form[action$='/apply/'] button[type=submit]")
    check(leader)
    _type(leader, "#application-answer-field-1", "Двор на Ленина, 5")
    _type(leader, "#application-answer-field-2", "1000000")
    tab_to(leader, "#application-answer-field-3")
    leader.locator("#application-answer-field-3").set_input_files(
        [{"name": "protocol.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    if javascript:
        # The map is a mouse tool; the keyboard pans it and marks its centre (territory's picker).
        expect(leader.locator("#application-answer-field-4-map")).to_be_visible()
        tab_to(leader, "#application-answer-field-4-map")
        leader.keyboard.press("ArrowUp")
        tab_to(leader, "#application-answer-field-4-centre")
        leader.keyboard.press("Enter")
        point = leader.locator("#application-answer-field-4").input_value()
        assert re.fullmatch(r"\d+\.\d{6}, \d+\.\d{6}", point), point
    else:
        # No map: the settlement, whose centre becomes the point (as the report form does).
        assert leader.locator("#application-answer-field-4-map").is_hidden()
        choose_option(leader, "#application-answer-field-4-settlement", "Солнечный")
    _type(leader, "#application-cost", "1000000")
    _type(leader, "#application-amount_residents", "100000")
    _type(leader, "#application-amount_municipality", "900000")
    _press(leader, "button[name=submit]")
    assert APPLICATION_PAGE.match(leader.url), leader.content()[:3000]
    check(leader)
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    lat, lon = application.answers["field-4"]["lat"], application.answers["field-4"]["lon"]
    if javascript:
        assert [lat, lon] == [float(x) for x in point.split(", ")]
    else:
        assert (lat, lon) == (village.centre_lat, village.centre_lon)

    organizer = logged_in_page(new_page, live_server, world.surgut_admin, javascript=javascript)
    organizer.goto(f"{live_server.url}/budgeting/{contest.pk}/review/")
    check(organizer)
    organizer.goto(live_server.url + application.get_absolute_url())
    check(organizer)
    _type(organizer, "#revision-remark-field-1", "Уточните адрес: номер дома.")
    _press(organizer, "form[action$='/revision/'] button[type=submit]")
    application.refresh_from_db()
    assert application.status == Application.Status.REVISION

    leader.goto(live_server.url + application.get_absolute_url())
    assert "Уточните адрес" in leader.content()
    check(leader)
    leader.goto(f"{live_server.url}/budgeting/applications/{application.pk}/edit/")
    _type(leader, "#application-answer-field-1", "Двор дома № 5 на улице Ленина")
    _press(leader, "button[name=submit]")
    assert APPLICATION_PAGE.match(leader.url), leader.content()[:3000]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.revision_count == 2

    organizer.goto(live_server.url + application.get_absolute_url())
    _press(organizer, "form[action$='/admit/'] button[type=submit]")
    application.refresh_from_db()
    assert application.status == Application.Status.ADMITTED
    public = new_page(language="ru", javascript=javascript)
    public.goto(live_server.url + application.get_absolute_url())
    assert "Двор дома № 5 на улице Ленина" in public.content()
    check(public)
    leader.goto(f"{live_server.url}/budgeting/applications/{application.pk}/revisions/")
    check(leader)
