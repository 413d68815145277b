"""Pages cost a constant number of queries whatever the number of sections and comments."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import draft_with, published_comment


def _cost(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _draft(world, n):
    draft = draft_with(
        municipality=world.surgut,
        sections=[(f"Раздел {i}", f"Текст раздела {i}.") for i in range(n)],
    )
    for section in draft.sections.all():
        published_comment(
            draft=draft,
            author=world.anna,
            section=section,
            passage="Текст раздела",
            is_proposal=True,
            wording="Иначе",
        )
    return draft


def test_the_draft_page_is_constant(world, client, settings):
    settings.GUEST_PAGE_CACHE_SECONDS = 0
    client.force_login(world.oleg)
    small, big = _draft(world, 2), _draft(world, 20)
    assert _cost(client, small.get_absolute_url()) == _cost(client, big.get_absolute_url())


def test_the_list_is_constant(world, client):
    from django.urls import reverse

    _draft(world, 1)
    one = _cost(client, reverse("discussions:list"))
    for _ in range(5):
        _draft(world, 3)
    assert _cost(client, reverse("discussions:list")) == one


def test_the_report_is_constant(world, client):
    from django.urls import reverse

    from .factories import closed

    small, big = closed(_draft(world, 2)), closed(_draft(world, 15))
    client.force_login(world.mayor_office)
    assert _cost(client, reverse("discussions:report", args=[small.pk])) == _cost(
        client, reverse("discussions:report", args=[big.pk])
    )
