"""The list's search reads an index (issue 17): PostgreSQL's trigram index answers the
`LIKE '% stem%'`, SQLite's FTS5 table is asked instead of the LIKE; both find exactly the rows
the LIKE over the stems found before."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.reports.models import Report
from veche.reports.search import matching, stems
from veche.search import text
from veche.search.text import query_stems

from .factories import ReportFactory, TopicFactory

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")

TEXTS = [
    "Огромные ямы во дворе",
    "Дорога с ямами и лужами",
    "Яма на дороге у дома 5",
    "Не горят фонари на улице Ленина",
    "Фонарь мигает всю ночь",
    "Выбоины и ямки на тротуаре",
    "Сломана скамейка в сквере 2024 года",
    "Ёлку не убрали со двора",
    "Мусор не вывозят третью неделю, контейнеры переполнены",
    "Broken streetlights near school 12",
    "Лужи после дождя, ливнёвка засорена",
    "",
]
QUERIES = [
    "яма", "ЯМЫ", "ямами", "ям", "я", "фонари", "фонарь не горит", "елка", "ёлку", "2024",
    "12", "streetlight", "broken school", "мусор контейнер", "дорога яма", "лужи дождь",
    "ливневка", "нет такого слова", "ул", "Ленина 5", "выбоина", "скамейки сквер",
]  # fmt: skip


@pytest.fixture
def varied(db):
    topic = TopicFactory(name="Благоустройство")
    return [ReportFactory(text=words, topic=topic, address="") for words in TEXTS]


def like(query: str) -> set[int]:
    """The path the list took before the index: `LIKE '% stem%'` over the stems."""
    return set(text.matching(Report.objects.all(), query).values_list("pk", flat=True))


def reference(query: str) -> set[int]:
    """The LIKE's rule in Python: every stem of the query begins one of the row's stems."""
    terms = query_stems(query)
    return {
        pk
        for pk, kept in Report.objects.values_list("pk", "search_stems")
        if all(" " + term in kept for term in terms)
    }


def indexed(query: str) -> set[int]:
    return set(matching(Report.objects.order_by(), query).values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_like_found(varied, query):
    assert indexed(query) == like(query) == reference(query)


def test_the_fixture_finds_something_and_not_everything(varied):
    assert 0 < len(indexed("яма")) < len(varied)
    assert indexed("") == {report.pk for report in varied}


def test_the_index_follows_edits_and_deletions(varied):
    first, second = varied[:2]
    first.search_stems = stems("Сломанные качели")
    first.save(update_fields=["search_stems"])
    second.delete()
    for query in ("яма", "качели", "двор", "лужами"):
        assert indexed(query) == like(query)
    assert first.pk in indexed("качели")


@sqlite
def test_sqlite_asks_the_fts_table_not_a_like(varied):
    with CaptureQueriesContext(connection) as queries:
        assert indexed("ямами")
    sql = queries.captured_queries[-1]["sql"]
    assert "reports_report_fts MATCH" in sql
    assert "LIKE" not in sql


@sqlite
def test_sqlite_index_comes_back_after_the_table_is_remade(varied):
    """Django remakes a SQLite table for many schema changes, dropping its triggers."""
    with connection.cursor() as cursor:
        for suffix in ("_ai", "_ad", "_au"):
            cursor.execute(f"DROP TRIGGER reports_report_fts{suffix}")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # apps.py's receiver
    ReportFactory(text="Провал асфальта")
    assert indexed("провал") == like("провал") != set()


@postgresql
def test_postgresql_plans_the_trigram_index(varied):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    # Unordered: ordered by date, a tiny table is read along its date index instead.
    plan = matching(Report.objects.order_by(), "яма").explain()
    assert "reports_report_stems_trgm" in plan
    for query in QUERIES:  # read through the index, the rows are still the LIKE's
        assert indexed(query) == reference(query)
