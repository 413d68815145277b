"""What the W3C validator (vnu) found on the main pages, as a test: no `hx-*` attribute (HTMX reads
the valid `data-hx-*` spelling) and every `<time datetime>` a valid HTML datetime, to the second."""

import re
from html.parser import HTMLParser

import pytest

from veche.notifications.tests.factories import NotificationFactory
from veche.reports.services import report_publish
from veche.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

# A date, or a date and time to the second with an optional zone — no fractional seconds.
HTML_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?")


class Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: list[str] = []
        self.datetimes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.names += [name for name, _ in attrs]
        self.datetimes += [value for name, value in attrs if name == "datetime"]


def attributes_of(client, path: str) -> Attributes:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = Attributes()
    parser.feed(response.content.decode())
    return parser


def pages(world):
    report = ReportFactory(author=world.author, municipality=world.surgut, topic=world.topic)
    report_publish(moderator=world.moderator, report=report)
    NotificationFactory(user=world.author)
    detail, staff_page = f"/reports/{report.pk}/", f"/workspace/reports/{report.pk}/"
    return [
        (None, ["/", "/reports/", "/reports/map/", detail, "/accounts/login/"]),
        (
            world.author,
            ["/reports/new/", "/accounts/cabinet/", "/reports/mine/", "/notifications/"],
        ),
        (world.neighbour, [detail]),
        (world.moderator, ["/workspace/reports/", "/workspace/reports/moderation/", staff_page]),
        (world.official, ["/workspace/reports/inbox/", staff_page]),
        (world.operator, ["/workspace/reports/new/"]),
    ]


def test_main_pages_have_no_hx_attributes_and_valid_datetimes(client, world):
    seen_datetimes, seen_htmx = [], []
    for who, paths in pages(world):
        client.logout()
        if who:
            client.force_login(who)
        for path in paths:
            found = attributes_of(client, path)
            assert [n for n in found.names if n.startswith("hx-")] == [], path
            bad = [v for v in found.datetimes if not HTML_DATETIME.fullmatch(v)]
            assert bad == [], (path, bad)
            seen_datetimes += found.datetimes
            seen_htmx += [n for n in found.names if n.startswith("data-hx-")]
    # The pages do carry both, so the assertions above had something to check.
    assert len(seen_datetimes) >= 5
    assert {"data-hx-headers", "data-hx-post", "data-hx-get"} <= set(seen_htmx)
