"""The page's reads: every word must match, kinds as facets with counts, the title first,
pagination, two queries whatever the number of hits."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.polls.tests.factories import DraftPollFactory, PollFactory
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.search.models import SearchEntry
from veche.search.selectors import search
from veche.search.services import reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(world):
    """Three published reports and one waiting, two published ideas and one waiting, a
    published poll and a draft one, indexed by the command."""

    def report(text, factory=RoutedReportFactory):
        return factory(topic=world.topic, municipality=world.surgut, text=text)

    def idea(title, text, factory=PublishedIdeaFactory):
        return factory(category=world.category, municipality=world.surgut, title=title, text=text)

    made = {
        "reports": [
            report("Яма на дороге у дома 5"),
            report("Ямы во дворе после ремонта теплотрассы"),
            report("Не убран снег у остановки"),
            report("Яма, которую ещё не проверили", factory=ReportFactory),
        ],
        "ideas": [
            idea("Засыпать ямы на улице Мира", "Дорога разбита"),
            idea("Детская площадка", "Вместо старой горки, где ямы в покрытии"),
            idea("Новые ямы", "ещё на модерации", factory=IdeaFactory),
        ],
        "polls": [
            PollFactory(title="Какие дороги ремонтировать", description="Ямы и выбоины"),
            DraftPollFactory(title="Ямы: черновик опроса", description=""),
        ],
    }
    call_command("reindex_search", verbosity=0)
    return made


def test_facets_count_public_hits_of_each_kind(items):
    results = search("ямами")
    assert {f.kind: f.count for f in results.facets} == {
        "reports.report": 2,
        "ideas.idea": 2,
        "polls.poll": 1,
    }
    assert results.total == 5
    assert [f.kind for f in results.facets] == ["reports.report", "ideas.idea", "polls.poll"]


def test_every_word_must_match(items):
    assert search("ямы двор").total == 1
    assert search("ямы космодром").total == 0


def test_a_kind_narrows_the_page_but_keeps_every_facet(items):
    results = search("ямы", kind="ideas.idea")
    assert results.kind == "ideas.idea"
    assert results.page.paginator.count == 2
    assert len(results.facets) == 3
    assert {hit.entry.kind for hit in results.hits} == {"ideas.idea"}


def test_an_unknown_kind_means_every_kind(items):
    assert search("ямы", kind="nonsense.kind").kind == ""


def test_a_title_match_comes_first(items):
    results = search("ямы", kind="ideas.idea")
    assert results.hits[0].entry.title == "Засыпать ямы на улице Мира"


def test_empty_query_finds_nothing_and_asks_the_database_nothing(items, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = search("  ,!  ")
    assert results.total == 0 and results.hits == [] and results.facets == []


def test_pages(items, django_assert_num_queries):
    first = search("ямы", per_page=2)
    assert first.page.paginator.num_pages == 3
    last = search("ямы", page=3, per_page=2)
    assert len(last.hits) == 1
    assert search("ямы", page="много", per_page=2).page.number == 1


def test_two_queries_for_a_page(items, django_assert_num_queries):
    with django_assert_num_queries(2):
        results = search("ямы")
        [hit.entry.municipality for hit in results.hits]


def test_reindex_rebuilds_and_drops_what_is_gone(items):
    SearchEntry.objects.filter(kind="polls.poll").delete()
    SearchEntry.objects.create(
        kind="reports.report",
        object_id=999999,
        title="x",
        url="/x/",
        public=True,
        moment=items["reports"][0].created_at,
        stems=" ям ",
    )
    counts = reindex()
    assert {kind: counts[kind] for kind in ("reports.report", "ideas.idea", "polls.poll")} == {
        "reports.report": 4,
        "ideas.idea": 3,
        "polls.poll": 2,
    }
    assert counts["discussions.draft"] == counts["budgeting.contest"] == 0
    assert search("ямы").total == 5


def test_reindex_of_one_kind_and_an_unknown_kind(items):
    assert reindex(["polls.poll"]) == {"polls.poll": 2}
    with pytest.raises(CommandError, match="Unknown kinds: polls.nonsense"):
        call_command("reindex_search", "polls.nonsense")
