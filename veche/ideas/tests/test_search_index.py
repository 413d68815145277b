"""The ideas' list search reads the same index as the reports' (issue 17, reports/search.py):
a trigram index on PostgreSQL, an FTS5 table on SQLite, with the LIKE's results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.ideas.models import Idea
from veche.reports.search import matching, stems
from veche.search import text

from .factories import IdeaFactory

TEXTS = [
    ("Велодорожка вдоль набережной", "Проложить велодорожки и поставить велопарковки"),
    ("Сквер у школы 12", "Скамейки, фонари и клумбы"),
    ("Ёлка на площади", "Новогодняя ёлка в каждом дворе"),
    ("Детская площадка", "Качели и горка для малышей"),
    ("Bike lanes", "More bike lanes downtown"),
]
QUERIES = ["велодорожка", "велодорожек", "вел", "фонарь", "елки", "12", "bike", "двор площадь", ""]


@pytest.fixture
def varied(db):
    return [IdeaFactory(title=title, text=words) for title, words in TEXTS]


def found(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_like_found(varied, query):
    assert found(matching(Idea.objects.all(), query)) == found(
        text.matching(Idea.objects.all(), query)
    )


def test_an_edited_idea_is_found_by_its_new_words(varied):
    idea = varied[0]
    idea.search_stems = stems("Фонтан в парке")
    idea.save(update_fields=["search_stems"])
    assert found(matching(Idea.objects.all(), "фонтаны")) == {idea.pk}
    assert idea.pk not in found(matching(Idea.objects.all(), "велодорожка"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_sqlite_asks_the_fts_table(varied):
    with CaptureQueriesContext(connection) as queries:
        assert found(matching(Idea.objects.all(), "фонари"))
    assert "ideas_idea_fts MATCH" in queries.captured_queries[-1]["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
def test_postgresql_plans_the_trigram_index(varied):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "ideas_idea_stems_trgm" in matching(Idea.objects.order_by(), "фонари").explain()
