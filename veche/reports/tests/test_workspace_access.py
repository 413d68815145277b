"""Who may open each workspace page and use each action: guests go to the login page, residents
and staff of another territory or agency get 403 (and nothing changes), the right staff get in."""

import pytest

from veche.reports.models import Answer, Report, Status, TimelineEntry
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

LOGIN, OK, DONE, FORBIDDEN = "login", "ok", "done", "forbidden"


def outcome(response) -> str:
    if response.status_code == 302:
        return LOGIN if response["Location"].startswith("/accounts/login/") else DONE
    return {200: OK, 403: FORBIDDEN}.get(response.status_code, str(response.status_code))


def as_(client, world, who: str):
    if who != "guest":
        client.force_login(getattr(world, who))
    return client


PAGES = {
    "/workspace/reports/": {
        "guest": LOGIN,
        "author": FORBIDDEN,
        "moderator": OK,
        "region_moderator": OK,
        "official": OK,
        "head": OK,
        "operator": OK,
    },
    "/workspace/reports/moderation/": {
        "guest": LOGIN,
        "author": FORBIDDEN,
        "moderator": OK,
        "region_moderator": OK,
        "official": FORBIDDEN,
        "head": FORBIDDEN,
        "operator": FORBIDDEN,
    },
    "/workspace/reports/inbox/": {
        "guest": LOGIN,
        "author": FORBIDDEN,
        "moderator": FORBIDDEN,
        "official": OK,
        "urai_official": OK,
        "head": OK,
        "operator": FORBIDDEN,
    },
    "/workspace/reports/new/": {
        "guest": LOGIN,
        "author": FORBIDDEN,
        "moderator": FORBIDDEN,
        "official": FORBIDDEN,
        "operator": OK,
    },
}


@pytest.mark.parametrize(
    "path, who, expected",
    [(path, who, expected) for path, matrix in PAGES.items() for who, expected in matrix.items()],
)
def test_lists(client, world, path, who, expected):
    assert outcome(as_(client, world, who).get(path)) == expected


SUBMITTED_PAGE = {
    "guest": LOGIN,
    "author": FORBIDDEN,  # the author reads the public page, not the staff one
    "neighbour": FORBIDDEN,
    "moderator": OK,
    "urai_moderator": FORBIDDEN,
    "region_moderator": OK,
    "official": FORBIDDEN,  # not routed yet: no agency works on it
    "operator": FORBIDDEN,
}
ROUTED_PAGE = {
    "guest": LOGIN,
    "author": FORBIDDEN,
    "moderator": OK,
    "urai_moderator": FORBIDDEN,
    "official": OK,
    "head": OK,
    "urai_official": FORBIDDEN,
}


@pytest.mark.parametrize("who, expected", SUBMITTED_PAGE.items())
def test_page_of_a_submitted_report(client, world, who, expected):
    report = ReportFactory(municipality=world.surgut, author=world.author)
    response = as_(client, world, who).get(f"/workspace/reports/{report.pk}/")
    assert outcome(response) == expected
    if expected == FORBIDDEN:
        assert "Вы не можете открыть это сообщение" in response.content.decode()
        assert world.author.email not in response.content.decode()


@pytest.mark.parametrize("who, expected", ROUTED_PAGE.items())
def test_page_of_a_routed_report(client, world, who, expected):
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )
    assert outcome(as_(client, world, who).get(f"/workspace/reports/{report.pk}/")) == expected


def test_unknown_report_is_404(client, world):
    client.force_login(world.moderator)
    assert client.get("/workspace/reports/999999/").status_code == 404


@pytest.mark.parametrize(
    "who, expected",
    [
        ("guest", LOGIN),
        ("author", FORBIDDEN),
        ("urai_moderator", FORBIDDEN),
        ("official", FORBIDDEN),
        ("moderator", DONE),
        ("region_moderator", DONE),
    ],
)
def test_publish(client, world, who, expected):
    report = ReportFactory(municipality=world.surgut, topic=world.topic)
    response = as_(client, world, who).post(f"/workspace/reports/{report.pk}/publish/")
    assert outcome(response) == expected
    report.refresh_from_db()
    if expected == DONE:
        assert response["Location"] == f"/workspace/reports/{report.pk}/"
        assert report.status == Status.ROUTED and report.agency == world.surgut_admin
    else:
        assert report.status == Status.SUBMITTED and report.agency is None
        assert not report.timeline.exists()


def test_actions_need_post(client, world):
    """A GET of an action's URL (a reload, a bookmark) only leads to the report's page."""
    report = ReportFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    response = client.get(f"/workspace/reports/{report.pk}/publish/")
    assert (
        response.status_code == 302 and response["Location"] == f"/workspace/reports/{report.pk}/"
    )
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    "who, expected",
    [
        ("guest", LOGIN),
        ("author", FORBIDDEN),
        ("urai_official", FORBIDDEN),
        ("urai_moderator", FORBIDDEN),
        ("moderator", FORBIDDEN),  # sees the report, but answering is the agency's
        ("official", DONE),
        ("head", DONE),
    ],
)
def test_answer(client, world, who, expected):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    response = as_(client, world, who).post(
        f"/workspace/reports/{report.pk}/answer/",
        {"kind": "resolved", "text": "Яму заделали асфальтом."},
    )
    assert outcome(response) == expected
    report.refresh_from_db()
    if expected == DONE:
        assert report.status == Status.ANSWERED
    else:
        assert report.status == Status.ROUTED and not Answer.objects.exists()
    if who == "moderator":
        assert "Это сообщение не направлено в ваше ведомство." in response.content.decode()


AGENCY_ACTIONS = {
    "take": {},
    "answer": {"kind": "resolved", "text": "Сделано."},
    "extend": {"reason": "Нужна экспертиза."},
    "decline": {"reason": "Не наша дорога."},
    "reassign": {"reason": "Передайте в дорожный департамент."},
    "note": {"text": "Позвонить подрядчику."},
}
MODERATOR_ACTIONS = {
    "publish": {},
    "reject": {"comment": ""},
    "redact": {"text": "Яма у дома", "address": ""},
    "duplicate": {"original": 1},
    "reroute": {"agency": 1},
}


@pytest.mark.parametrize("action, data", AGENCY_ACTIONS.items())
def test_an_official_of_another_agency_is_refused_every_action(client, world, action, data):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    client.force_login(world.urai_official)
    response = client.post(f"/workspace/reports/{report.pk}/{action}/", data)
    assert response.status_code == 403
    assert "Вы не можете открыть это сообщение" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.ROUTED and report.extended_at is None
    assert not report.timeline.exists()


@pytest.mark.parametrize("action, data", MODERATOR_ACTIONS.items())
def test_a_moderator_of_another_municipality_is_refused_every_action(client, world, action, data):
    report = ReportFactory(municipality=world.surgut)
    client.force_login(world.urai_moderator)
    response = client.post(f"/workspace/reports/{report.pk}/{action}/", data)
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.text.startswith("Глубокая яма")
    assert not report.timeline.exists()


def test_an_official_cannot_moderate_a_report_of_his_agency(client, world):
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    client.force_login(world.official)
    response = client.post(f"/workspace/reports/{report.pk}/redact/", {"text": "Другой текст"})
    assert response.status_code == 403
    assert "Вы не модерируете сообщения этой территории." in response.content.decode()
    report.refresh_from_db()
    assert report.text.startswith("Глубокая яма")
    assert not TimelineEntry.objects.exists()
