"""The rows of bench/scale.py's decade of reports, made in SQL (issue 17, point 1): each table is
filled by `INSERT … SELECT` over `generate_series` or over the reports just made, the random picks
made by PostgreSQL (setseed) from small tables of places, texts, people and steps, so no row
passes through Python. Each function is one job for one database connection; bench/scale.py runs
them two at a time.

What the pages read is kept as a real portal has it:
- places: PLACES points inside the municipalities' boundaries (prepare.random_point), each
  municipality's share of them as its share of the population, with its administration;
- texts: bench/prepare.py's texts × every topic, the address «ул. Тестовая, N»; the search stems
  are those of veche/reports/search.py's `stems(text, topic, address)` (the report's number and
  the house number put in their sorted place) — bench/scale.py checks a sample after loading;
- statuses by STATUS_SHARES, dates over ten years (never in the future), the timeline a report
  of that status has (filed, sent to its agency with the "sent to" message, taken, answered,
  rated, closed; rejected with the reason's text; merged into an earlier one), an answer of
  every answered or closed report (resolved 70 %, scheduled 20 % with a date, refused 10 %;
  60 % of the closed ones rated by their authors, 70 % confirmed);
- supports by the bench supporters, a few reports supported by hundreds and most by none or one,
  each given after its report was filed, the reports' `support_count` equal to them.
"""

import json
import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from bench import prepare
from veche.agencies.models import Agency
from veche.reports.models import RejectionReason, Status, Topic
from veche.reports.search import stems
from veche.reports.wording import sent_to_message
from veche.territory.models import Municipality

YEARS = 10
SUPPORTERS = 2000
AUTHORS = 50
PLACES = 20_000  # points over the region, shared out by population (at least MIN_PLACES each)
MIN_PLACES = 100
STREET = "ул. Тестовая"
HOUSES = 200  # the address is «ул. Тестовая, <id % HOUSES>»

# Shares of reports by status in a portal that has run for years (most are answered or closed).
STATUS_SHARES = {
    Status.CLOSED: 0.52,
    Status.ANSWERED: 0.20,
    Status.IN_PROGRESS: 0.08,
    Status.ROUTED: 0.05,
    Status.SUBMITTED: 0.02,
    Status.REJECTED: 0.07,
    Status.DUPLICATE: 0.04,
    Status.DECLINED: 0.01,
    Status.IDEA: 0.01,
}
ROUTED = [Status.ROUTED, Status.DECLINED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED]
# Each status's timeline, as the services write it (reports/services/): steps in order.
STEPS = {
    Status.SUBMITTED: ["filed"],
    Status.REJECTED: ["filed", "reject"],
    Status.DUPLICATE: ["filed", "merge"],
    Status.IDEA: ["filed", "to_idea"],
    Status.ROUTED: ["filed", "route"],
    Status.DECLINED: ["filed", "route", "decline"],
    Status.IN_PROGRESS: ["filed", "route", "take"],
    Status.ANSWERED: ["filed", "route", "take", "answer", "answered"],
    Status.CLOSED: ["filed", "route", "take", "answer", "answered", "rating", "close"],
}
# step: (kind, from, to, the report's moment it happens at)
STEP = {
    "filed": ("status", "", Status.SUBMITTED, "created"),
    "reject": ("status", Status.SUBMITTED, Status.REJECTED, "moderated"),
    "merge": ("status", Status.SUBMITTED, Status.DUPLICATE, "moderated"),
    "to_idea": ("status", Status.SUBMITTED, Status.IDEA, "moderated"),
    "route": ("status", Status.SUBMITTED, Status.ROUTED, "moderated"),
    "decline": ("status", Status.ROUTED, Status.DECLINED, "taken"),
    "take": ("status", Status.ROUTED, Status.IN_PROGRESS, "taken"),
    "answer": ("answer", "", "", "answered"),
    "answered": ("status", Status.IN_PROGRESS, Status.ANSWERED, "answered"),
    "rating": ("rating", "", "", "closed"),
    "close": ("status", Status.ANSWERED, Status.CLOSED, "closed"),
}
# An answer's kind and the author's rating follow from the report's id (so the answers' and the
# timeline's statements agree without reading each other): 70 % resolved, 20 % scheduled, 10 %
# refused; `rate` is uniform in [0, 1): a closed report is rated below 0.6, confirmed below 0.7.
ANSWER_KIND = (
    "CASE WHEN {id} %% 10 < 7 THEN 'resolved' WHEN {id} %% 10 < 9 THEN 'scheduled' "
    "ELSE 'refused' END"
)
RATE = "((({id})::bigint * 2654435761) %% 1000003) / 1000003.0"
RATED = 0.6
CONFIRMED = 0.7
# The ratings of the rated: 5: 40 %, 4: 25 %, 3: 15 %, 2 and 1: 10 % each.
RATING_CASE = (
    "CASE WHEN {rate} >= 0.6 THEN NULL WHEN {rate} < 0.24 THEN 5 WHEN {rate} < 0.39 THEN 4 "
    "WHEN {rate} < 0.48 THEN 3 WHEN {rate} < 0.54 THEN 2 ELSE 1 END"
)
ANSWER_TEXT = (
    "CASE {kind} WHEN 'resolved' THEN 'Работы выполнены, результат на фотографии.' "
    "WHEN 'scheduled' THEN 'Работы включены в план, срок указан.' "
    "ELSE 'Объект не обслуживается администрацией: обоснование в ответе.' END"
)
# The answered step's message: the msgids of services/agency_work.py's ANSWER_MESSAGES.
ANSWER_MESSAGE = (
    "CASE {kind} WHEN 'resolved' THEN 'resolved' WHEN 'scheduled' THEN 'scheduled' "
    "ELSE 'refused with reasons' END"
)
DECLINE_TEXT = "Вопрос не в ведении ведомства."
TABLES = ["bench_place", "bench_text", "bench_author", "bench_reason", "bench_agency", "bench_step"]
TABLES += ["bench_support", "bench_support_count"]


def _status_case() -> str:
    """The status of a report whose uniform draw is `s`, by STATUS_SHARES."""
    cases, total = [], 0.0
    for status, share in STATUS_SHARES.items():
        total += share
        cases.append(f"WHEN s < {total:.4f} THEN '{status}'")
    return f"CASE {' '.join(cases)} ELSE '{Status.CLOSED}' END"


def _table(cursor, name: str, columns: str, rows: list[tuple]) -> None:
    """A small unlogged table of Python-made rows the SQL picks from (every connection sees it)."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE UNLOGGED TABLE {name} ({columns})")
    with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"ANALYZE {name}")


def _text_words(text: str, topic: str) -> str:
    """The stems of a text, its topic and the street, without the numbers each report adds."""
    words = stems(text, topic, STREET).split()
    if any(word[0].isdigit() for word in words):
        raise ValueError(f"a bench text or topic with a number: {text!r}, {topic!r}")
    return " ".join(words)


def inputs(seed: int) -> dict[str, int]:
    """Make the small tables (places, texts, authors, reasons, agencies' messages, timeline
    steps); returns how many places, texts and reasons there are."""
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.all())
    people = sum(m.population or 1 for m in municipalities)
    administrations = {
        a.administers_id: a for a in Agency.objects.filter(administers__isnull=False)
    }
    fallback = Agency.objects.order_by("pk").first()
    places = []
    for m in municipalities:
        agency = administrations.get(m.pk, fallback)
        for _n in range(max(MIN_PLACES, round(PLACES * (m.population or 1) / people))):
            places.append((len(places), m.pk, agency.pk, *prepare.random_point(rng, m)))
    topics = list(Topic.objects.all())
    texts = [
        (n, topic.pk, text, _text_words(text, topic.name))
        for n, (text, topic) in enumerate((t, topic) for t in prepare.TEXTS for topic in topics)
    ]
    authors = prepare.residents(300 + SUPPORTERS)[:AUTHORS]
    reasons = list(RejectionReason.objects.order_by("pk"))
    agencies = []
    for agency in Agency.objects.all():
        message, params = sent_to_message(agency)
        agencies.append((agency.pk, message, json.dumps(params, ensure_ascii=False)))
    steps = [
        (status, seq, step, *STEP[step])
        for status, names in STEPS.items()
        for seq, step in enumerate(names)
    ]
    with connection.cursor() as cursor:
        _table(
            cursor, "bench_place",
            "n int PRIMARY KEY, municipality_id int, agency_id int, lat float8, lon float8",
            places,
        )  # fmt: skip
        _table(
            cursor, "bench_text", "n int PRIMARY KEY, topic_id int, text text, words text", texts
        )
        _table(
            cursor, "bench_author", "n int PRIMARY KEY, user_id int",
            [(n, u.pk) for n, u in enumerate(authors)],
        )  # fmt: skip
        _table(
            cursor, "bench_reason", "n int PRIMARY KEY, reason_id int UNIQUE, text text",
            [(n, r.pk, r.text) for n, r in enumerate(reasons)],
        )  # fmt: skip
        _table(cursor, "bench_agency", "id int PRIMARY KEY, message text, params jsonb", agencies)
        _table(
            cursor, "bench_step",
            "status text, seq int, step text, kind text, status_from text, status_to text, "
            "moment text",
            steps,
        )  # fmt: skip
    return {"places": len(places), "texts": len(texts), "reasons": len(reasons)}


def supporters() -> list[int]:
    """The bench supporters (people[300:]; the key holders people[50:300] support afresh)."""
    return [u.pk for u in prepare.residents(300 + SUPPORTERS)[300:]]


def support_picks_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_support, bench_support_count")
        cursor.execute("CREATE UNLOGGED TABLE bench_support (report_id int, user_id int)")


def support_picks(first_id: int, count: int, supports: int, part: int, parts: int) -> int:
    """Into bench_support, the part `part` of `parts` of `supports` distinct (report, supporter)
    pairs: the supporters share them evenly, the reports drawn as `count · u²` (u uniform), so
    the first hundred reports get hundreds of supports each and most get none or one."""
    people = supporters()
    each, extra = divmod(supports, len(people))
    draws = min(count, each + each // 10 + 2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(part + 1) / (parts + 1)])
        cursor.execute(
            "INSERT INTO bench_support SELECT report_id, user_id FROM ("
            " SELECT report_id, user_id, k, row_number() OVER (PARTITION BY user_id) AS n FROM ("
            "  SELECT DISTINCT %s + floor(%s * power(random(), 2))::int AS report_id,"
            "   u AS user_id, k FROM unnest(%s::int[]) WITH ORDINALITY AS s(u, k),"
            "   generate_series(1, %s) g WHERE k %% %s = %s) picks) numbered"
            " WHERE n <= %s + CASE WHEN k <= %s THEN 1 ELSE 0 END",
            [first_id, count, people, draws, parts, part, each, extra],
        )
        return cursor.rowcount


def support_counts() -> None:
    """bench_support_count: the supports per report, which the reports' statement reads."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_support_count AS SELECT report_id, COUNT(*) AS n "
            "FROM bench_support GROUP BY report_id"
        )
        cursor.execute("ALTER TABLE bench_support_count ADD PRIMARY KEY (report_id)")
        cursor.execute("ANALYZE bench_support, bench_support_count")


def _stems_sql() -> str:
    """veche/reports/search.py's stems of «<text> (№ <id>)», the topic and «ул. Тестовая, <house>»:
    the two numbers sort before every word (digits before letters), in code-point order."""
    number, house = "pk::text", f"(pk %% {HOUSES})::text"
    return (
        f"' ' || CASE WHEN {number} = {house} THEN {number} || ' '"
        f' WHEN {number} COLLATE "C" < {house} COLLATE "C"'
        f" THEN {number} || ' ' || {house} || ' ' ELSE {house} || ' ' || {number} || ' ' END"
        " || t.words || ' '"
    )


def reports(first: int, last: int, counts: dict[str, int], seed: int) -> int:
    """Reports `first`..`last` (their ids): one INSERT … SELECT. A duplicate points at an earlier
    report of the same range, so two ranges load at once."""
    start = timezone.now() - timedelta(days=365 * YEARS)
    routed = ", ".join(f"'{s}'" for s in ROUTED)
    answered = f"status IN ('{Status.ANSWERED}', '{Status.CLOSED}')"
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(
            "INSERT INTO reports_report (id, author_id, channel, topic_id, text,"
            " municipality_id, lat, lon, address, attributes, status, moved_to,"
            " extension_reason, routed_at, due_at, answered_at, closed_at, support_count,"
            " search_stems, agency_id, created_at, updated_at, rejection_reason_id,"
            " duplicate_of_id, subject_kind)"
            " SELECT pk, a.user_id, 'web', t.topic_id, t.text || ' (№ ' || pk || ')',"
            f"  p.municipality_id, p.lat, p.lon, '{STREET}, ' || pk %% {HOUSES}, '{{}}', status,"
            f"  CASE WHEN status = '{Status.IDEA}' THEN '/ideas/' ELSE '' END, '',"
            "  CASE WHEN routed THEN moderated END,"
            "  CASE WHEN routed THEN created + interval '30 days' END,"
            "  CASE WHEN answered THEN answer_at END,"
            f"  CASE WHEN status = '{Status.CLOSED}' THEN close_at"
            f"   WHEN status = '{Status.IDEA}' THEN moderated END,"
            "  COALESCE(c.n, 0), " + _stems_sql() + ","
            "  CASE WHEN routed THEN p.agency_id END, created,"
            f"  CASE WHEN status = '{Status.CLOSED}' THEN close_at WHEN answered THEN answer_at"
            f"   WHEN status IN ('{Status.IN_PROGRESS}', '{Status.DECLINED}') THEN taken"
            f"   WHEN status = '{Status.SUBMITTED}' THEN created ELSE moderated END,"
            f"  CASE WHEN status = '{Status.REJECTED}' THEN rr.reason_id END,"
            f"  CASE WHEN status = '{Status.DUPLICATE}' THEN %s + floor(dup * (pk - %s))::int END,"
            "  ''"
            " FROM (SELECT *, status IN (" + routed + ") AS routed, " + answered + " AS answered,"
            "   LEAST(created + interval '3 hours', now()) AS moderated,"
            "   LEAST(created + interval '1 day', now()) AS taken,"
            "   LEAST(created + answer_days * interval '1 day', now()) AS answer_at,"
            "   LEAST(created + (answer_days + 2) * interval '1 day', now()) AS close_at"
            "  FROM (SELECT *, " + _status_case() + " AS status FROM ("
            "   SELECT g AS pk, %s::timestamptz + floor(random() * %s) * interval '1 second'"
            "    AS created, floor(random() * %s)::int AS place,"
            "    floor(random() * %s)::int AS txt, floor(random() * %s)::int AS author,"
            "    floor(random() * %s)::int AS reason, 2 + floor(random() * 24)::int"
            "    AS answer_days, random() AS dup,"
            "    CASE WHEN g = %s THEN 0.1 ELSE random() END AS s"
            "   FROM generate_series(%s, %s) g) r) r) r"
            " JOIN bench_place p ON p.n = r.place JOIN bench_text t ON t.n = r.txt"
            " JOIN bench_author a ON a.n = r.author JOIN bench_reason rr ON rr.n = r.reason"
            " LEFT JOIN bench_support_count c ON c.report_id = r.pk",
            [
                first, first, start, 365 * YEARS * 86400, counts["places"], counts["texts"],
                AUTHORS, counts["reasons"], first, first, last,
            ],
        )  # fmt: skip
        return cursor.rowcount


# Who takes each step (the pages say «the author», the workspace names the person).
BY_AUTHOR = ("filed", "rating", "close")
BY_MODERATOR = ("reject", "merge", "to_idea", "route")


def timeline(first: int, last: int, moderator: int, official: int) -> int:
    """The timeline entries of reports `first`..`last`, by bench_step: one INSERT … SELECT. The
    author files, rates and closes, `moderator` routes, rejects and merges, `official` takes,
    declines and answers."""
    kind = ANSWER_KIND.format(id="r.id")
    rate = RATE.format(id="r.id")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_timelineentry (report_id, kind, status_from, status_to, text,"
            " message, params, is_public, actor_id, created_at)"
            " SELECT r.id, s.kind, s.status_from, s.status_to,"
            "  CASE s.step WHEN 'reject' THEN rr.text WHEN 'decline' THEN %s"
            f"   WHEN 'answer' THEN {ANSWER_TEXT.format(kind=kind)} ELSE '' END,"
            "  CASE s.step WHEN 'route' THEN ag.message"
            "   WHEN 'merge' THEN 'Merged into report № %%(number)s.'"
            f"   WHEN 'answered' THEN {ANSWER_MESSAGE.format(kind=kind)}"
            "   WHEN 'rating' THEN 'Rated the answer %%(rating)d of 5.' ELSE '' END,"
            "  CASE s.step WHEN 'route' THEN ag.params"
            "   WHEN 'merge' THEN jsonb_build_object('number', r.duplicate_of_id)"
            "   WHEN 'rating' THEN jsonb_build_object('rating', "
            + RATING_CASE.format(rate=rate) + ") ELSE '{}' END, true,"
            f"  CASE WHEN s.step IN {BY_AUTHOR} THEN r.author_id"
            f"   WHEN s.step IN {BY_MODERATOR} THEN %s ELSE %s END,"
            "  CASE s.moment WHEN 'created' THEN r.created_at"
            "   WHEN 'moderated' THEN LEAST(r.created_at + interval '3 hours', now())"
            "   WHEN 'taken' THEN LEAST(r.created_at + interval '1 day', now())"
            "   WHEN 'answered' THEN r.answered_at ELSE r.closed_at END"
            "  + s.seq * interval '1 second'"
            " FROM reports_report r JOIN bench_step s ON s.status = r.status"
            " LEFT JOIN bench_reason rr ON rr.reason_id = r.rejection_reason_id"
            " LEFT JOIN bench_agency ag ON ag.id = r.agency_id"
            f" WHERE r.id BETWEEN %s AND %s AND (s.step <> 'rating' OR {rate} < {RATED})",
            [DECLINE_TEXT, moderator, official, first, last],
        )  # fmt: skip
        return cursor.rowcount


def answers(first: int, last: int, official: int) -> int:
    """An answer of each answered or closed report among `first`..`last`, by `official`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_answer (report_id, agency_id, author_id, kind, text,"
            " planned_date, verdict, rating, rated_at, created_at)"
            f" SELECT id, agency_id, %s, kind, {ANSWER_TEXT.format(kind='kind')},"
            "  CASE WHEN kind = 'scheduled' THEN (answered_at + interval '60 days')::date END,"
            f"  CASE WHEN status = '{Status.CLOSED}' AND rate < {CONFIRMED} THEN 'confirmed'"
            "   ELSE '' END,"
            f"  CASE WHEN status = '{Status.CLOSED}' THEN {RATING_CASE.format(rate='rate')} END,"
            f"  CASE WHEN status = '{Status.CLOSED}' AND rate < {RATED} THEN closed_at END,"
            "  answered_at"
            f" FROM (SELECT *, {ANSWER_KIND.format(id='id')} AS kind,"
            f"  {RATE.format(id='id')} AS rate FROM reports_report"
            "  WHERE id BETWEEN %s AND %s AND answered_at IS NOT NULL"
            "  AND agency_id IS NOT NULL) r",
            [official, first, last],
        )  # fmt: skip
        return cursor.rowcount


def supports(seed: int) -> int:
    """bench_support's pairs, each given within 30 days after its report was filed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(
            "INSERT INTO reports_support (report_id, user_id, created_at)"
            " SELECT s.report_id, s.user_id,"
            "  LEAST(r.created_at + random() * interval '30 days', now())"
            " FROM bench_support s JOIN reports_report r ON r.id = s.report_id"
            " ORDER BY s.report_id, s.user_id"  # the unique index filled in its order
        )
        return cursor.rowcount


def drop_inputs() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)}")
