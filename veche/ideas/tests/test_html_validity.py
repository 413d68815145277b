"""The idea pages as the W3C validator sees them: no `hx-*` attribute, every `<time datetime>` a
valid HTML datetime, ids unique on the page."""

import re
from collections import Counter

import pytest

from veche.ideas.tests.factories import IdeaFactory, TakenIdeaFactory
from veche.reports.tests.test_html_validity import HTML_DATETIME, attributes_of

pytestmark = pytest.mark.django_db


def test_idea_pages_have_valid_attributes_and_unique_ids(client, world):
    taken = TakenIdeaFactory(municipality=world.surgut, agency=world.parks, author=world.author)
    pending = IdeaFactory(municipality=world.surgut)
    pages = [
        (None, ["/ideas/", "/ideas/map/", f"/ideas/{taken.pk}/"]),
        (world.author, ["/ideas/new/", "/ideas/mine/", "/accounts/cabinet/"]),
        (world.moderator, [f"/ideas/{pending.pk}/", "/ideas/work/", "/ideas/from-report/"]),
        (world.mayor_office, [f"/ideas/{taken.pk}/"]),
        (world.parks_official, [f"/ideas/{taken.pk}/"]),
    ]
    for who, paths in pages:
        client.logout()
        if who:
            client.force_login(who)
        for path in paths:
            found = attributes_of(client, path)
            assert [n for n in found.names if n.startswith("hx-")] == [], path
            assert all(HTML_DATETIME.fullmatch(v) for v in found.datetimes), path
            ids = re.findall(r'\sid="([^"]+)"', client.get(path).content.decode())
            assert [i for i, n in Counter(ids).items() if n > 1] == [], path
