"""The benchmark: 20,000 reports over Yugra's 22 municipalities, the portal served by gunicorn
with several worker processes, on SQLite and on PostgreSQL.

    .venv/bin/python bench/run.py                 # both databases
    .venv/bin/python bench/run.py --db sqlite --seconds 5
    .venv/bin/python bench/run.py --db sqlite --only "list page, filtered" --only "report page"
    .venv/bin/python bench/run.py --db postgres --slices 10 \
        --only "support a report (API)" --only "bare insert view"

Prints requests/s, p50/p95 latency, the CPU a request costs the server and the load's clients, and
server memory for: the map GeoJSON of one municipality's bounding box, the list page with a filter,
a report page, the ideas' list (15 a page, 300 ideas) and an idea's page (1,500 comments over
them), the page of a 40-section draft under discussion with 1,000 comments (issue 11), filing a
report (API), supporting a report and an idea (API), casting a ballot of 5 questions in a poll
(API: every kind of question, with demographics) and a plain one (five single-choice questions:
issue 10's «six rows»), a poll's results page (150,000 ballots), an initiative-budgeting contest's
page and its reviewers' queue (issue 12: seed 002's four regional contests of 543 applications and
the grants contest of 1,162; the queue as the bench reviewer, signed in) and a bare one-INSERT
view; then each support and each ballot as a percentage of the bare insert, and the results page's
SQL queries for a poll of 150 and one of 150,000 ballots, and the contest page's and the queue's
for a contest of ~136 and one of 1,162 applications. Figures, not assertions: they depend on the
machine (docs/benchmarks.md).

The PostgreSQL database is `veche_bench`, or BENCH_POSTGRES_DB when several people measure on
one server; the SQLite file var/bench.sqlite3, or BENCH_SQLITE_FILE. `--votes 802034` stores seed
002's votes in the closed contest whose results page is measured (bench/prepare_voting.py: about
a minute on PostgreSQL), 100,000 by default.
"""

import argparse
import os
import random
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load import Result, Scenario, process_cpu_seconds, run, warm_up  # noqa: E402

PYTHON = Path(sys.executable)
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "veche_bench")
DATABASES = {
    "sqlite": f"sqlite:///{os.environ.get('BENCH_SQLITE_FILE') or ROOT / 'var' / 'bench.sqlite3'}",
    "postgres": f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}",
}
IDEAS_PER_PAGE = 15  # veche/ideas/views/public.py PER_PAGE
BIG_POLL, SMALL_POLL = 150_000, 150  # ballots of the closed polls (bench/prepare_polls.py)
PLAIN_BALLOT = "cast a plain ballot (API)"  # five single-choice questions, no demographics
# The writes printed as a share of the bare insert's rate: (scenario, words, target).
SHARES_OF_BARE = [
    ("support a report (API)", "supporting a report", ""),
    ("support an idea (API)", "supporting an idea", ""),
    ("cast a ballot (API)", "casting a ballot", " (target 40 %)"),
    (PLAIN_BALLOT, "casting a plain ballot", " (target 40 %)"),
    ("vote for a project (API)", "voting for a project", " (target 60 %)"),
]


def environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        "PYTHONPATH": str(ROOT),
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
    }


def ensure_postgres_database(env: dict) -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{POSTGRES_DB}'",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip() == "1" or subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", POSTGRES_DB], check=True, env=env
    )


def serve(env: dict, port: int, workers: int, root: Path = ROOT) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(PYTHON),
            "-m",
            "gunicorn",
            "veche.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            # A worker imports the portal on its first request: on a loaded machine that takes
            # longer than gunicorn's default 30 s, and the worker was killed before it answered.
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def server_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn master and its workers."""
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    return [server.pid, *map(int, children)]


def memory_mb(server: subprocess.Popen) -> float:
    """Resident memory of the master and its workers."""
    total = 0
    for pid in server_pids(server):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


# Read in the tree measured (bench/compare.py passes one from before the ideas app: no ideas).
TARGETS = """
import json, django
from django.apps import apps
django.setup()
from veche.reports.models import Report, Topic
from veche.territory.models import Municipality
from veche.accounts.models import User
BENCH = r'^r[0-4]?[0-9]@bench[.]veche$'  # the authors, never key holders
m = Municipality.objects.get(name='Сургут')
ids = list(Report.objects.exclude(status__in=['submitted', 'rejected'])
           .filter(author__email__regex=BENCH).values_list('pk', flat=True)[:5000])
ideas, open_ideas = [], []
if apps.is_installed('veche.ideas'):
    from veche.ideas.models import OPEN, UNPUBLISHED, Idea
    ideas = list(Idea.objects.exclude(status__in=UNPUBLISHED).values_list('pk', flat=True))
    open_ideas = list(Idea.objects.filter(status__in=OPEN, author__email__regex=BENCH)
                      .values_list('pk', flat=True))
discussion = []
if apps.is_installed('veche.discussions'):
    from veche.discussions.models import Draft
    discussion = list(Draft.objects.filter(title__startswith='Бенчмарк: правила')
                      .values_list('pk', flat=True)[:1])
polls = {'open': [], 'plain': [], 'results': {}}
if apps.is_installed('veche.polls'):
    from veche.polls.models import Poll
    for kind, title in (('open', 'Бенчмарк: открытый'), ('plain', 'Бенчмарк: простой')):
        opened = (Poll.objects.filter(title__startswith=title, ballot_count=0)
                  .prefetch_related('questions__options').order_by('pk'))
        polls[kind] = [{'id': p.pk, 'asks': p.asks_demographics, 'questions': [
            [q.pk, q.kind, q.max_choices or 0, [[o.pk, o.is_other] for o in q.options.all()]]
            for q in p.questions.all()]} for p in opened]
    polls['results'] = {p.ballot_count: p.pk for p in
                        Poll.objects.filter(title__startswith='Бенчмарк: итоги')}
budgeting = {}
if apps.is_installed('veche.budgeting'):
    from django.test import Client
    from veche.budgeting.models import Contest
    bench_contests = list(Contest.objects.filter(title__startswith='Бенчмарк: ')
                          .order_by('pk').values_list('pk', 'accepts_individuals'))
    reviewer = Client()
    reviewer.force_login(User.objects.get(email='r61@bench.veche'))
    budgeting = {'regional': [pk for pk, grants in bench_contests if not grants],
                 'grants': [pk for pk, grants in bench_contests if grants],
                 'cookie': 'sessionid=' + reviewer.cookies['sessionid'].value}
voting = {'projects': [], 'results': None}
if apps.is_installed('veche.budgeting'):
    from veche.budgeting.models import Contest, VoteTally
    opened = Contest.objects.filter(title='Голосование (бенчмарк): открытое').first()
    closed = Contest.objects.filter(title='Голосование (бенчмарк): итоги').first()
    if opened and closed:
        voting = {'projects': list(VoteTally.objects.filter(contest=opened)
                                   .values_list('pk', flat=True)), 'results': closed.pk}
print(json.dumps({'ids': ids, 'budgeting': budgeting, 'municipality': m.pk,
    'discussion': discussion, 'polls': polls, 'voting': voting,
    'bbox': [m.min_lon, m.min_lat, m.max_lon, m.max_lat], 'point': [m.centre_lat, m.centre_lon],
    'topic': Topic.objects.filter(attributes__isnull=True).first().pk,
    'ideas': ideas, 'open_ideas': open_ideas}))
"""


def targets(env: dict, root: Path = ROOT) -> dict:
    """Ids, a municipality's bounding box, topics, ideas, read from the prepared database."""
    code = TARGETS
    import json

    out = subprocess.run(
        [str(PYTHON), "-c", code], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


WORDS = ["Больше автобусов по вечерам.", "Нужен пешеходный переход у рынка.", "Спасибо за опрос."]
AGES, SEXES = ["u18", "18-29", "30-44", "45-59", "60+", ""], ["f", "m", ""]


def ballot(poll: dict, rng: random.Random) -> dict:
    """A ballot of the bench poll's questions (veche/polls/api.py PollBallotIn), drawn at random:
    one of each single and scale question, one or two of the multiple, every option ranked, and
    words in the optional free-text question now and then."""
    answers = []
    for question_id, kind, most, options in poll["questions"]:
        plain = [o for o, is_other in options if not is_other]
        answer = {"question_id": question_id, "option_ids": [], "text": ""}
        if kind == "text":
            if rng.random() < 0.3:
                answers.append({**answer, "text": rng.choice(WORDS)})
            continue
        if kind == "ranking":
            answer["option_ids"] = rng.sample(plain, len(plain))
        elif kind == "multiple":
            answer["option_ids"] = rng.sample(plain, rng.randint(1, most or 2))
        else:
            chosen, is_other = rng.choice(options)
            answer["option_ids"] = [chosen]
            answer["text"] = rng.choice(WORDS) if is_other else ""
        answers.append(answer)
    if not poll.get("asks", True):  # a plain poll has no demographics block
        return {"answers": answers}
    demographics = {"age_group": rng.choice(AGES), "sex": rng.choice(SEXES)}
    return {"answers": answers, "demographics": demographics}


def ballots(polls: list[dict], keys: list[str]) -> list[tuple[str, str, dict]]:
    """One ballot per key holder and open poll, in random order (each sent once)."""
    rng = random.Random(3)
    cast = [(f"/api/v1/polls/{p['id']}/ballot", key, ballot(p, rng)) for p in polls for key in keys]
    rng.shuffle(cast)
    return cast


def new_supports(kind: str, items: list[int], keys: list[str]) -> list[tuple[str, str, dict]]:
    """Every (item, key holder) once, shuffled: each request gives a new support, as a resident's
    click does (prepare.py takes the key holders' supports back before each run); a repeated
    pair would measure the refusal's slower path instead."""
    pairs = [(f"/api/v1/{kind}/{i}/support", key, {}) for i in items for key in keys]
    random.Random(3).shuffle(pairs)
    return pairs


def scenarios(t: dict, keys: list[str]) -> list[Scenario]:
    bbox = ",".join(f"{v:.5f}" for v in t["bbox"])
    rng = random.Random(1)
    lat, lon = t["point"]
    filings = [
        {
            "topic_id": t["topic"],
            "text": f"Бенчмарк: яма № {n}",
            "lat": lat + rng.uniform(-0.01, 0.01),
            "lon": lon + rng.uniform(-0.01, 0.01),
        }
        for n in range(500)
    ]
    ids, ideas = t["ids"], t.get("ideas", [])
    pages = -(-len(ideas) // IDEAS_PER_PAGE)
    idea_pages = [
        Scenario("idea list", "GET", [f"/ideas/?page={p}" for p in range(1, pages + 1)]),
        Scenario("idea page", "GET", [f"/ideas/{i}/" for i in ideas]),
    ]
    idea_support = [
        Scenario(
            "support an idea (API)",
            "POST",
            [],
            once=new_supports("ideas", t.get("open_ideas", []), keys),
        )
    ]
    if not ideas:  # a tree from before the ideas app
        idea_pages = idea_support = []
    # Issue 11: a 40-section draft with 1,000 comments (bench/prepare_discussions.py).
    discussion_pages = (
        [
            Scenario(
                "discussion page (40 sections)",
                "GET",
                [f"/discussions/{d}/" for d in t.get("discussion", [])],
            )
        ]
        if t.get("discussion")
        else []
    )
    polls = t.get("polls", {"open": [], "results": {}})
    poll_scenarios = []
    if polls["open"]:  # a tree from before the polls app has none
        results = polls["results"][str(BIG_POLL)]
        poll_scenarios = [
            Scenario("cast a ballot (API)", "POST", [], once=ballots(polls["open"], keys)),
            Scenario("poll results page (150,000)", "GET", [f"/polls/{results}/results/"]),
        ]
    if polls.get("plain"):  # issue 10's ballot: five single-choice answers, «six rows»
        poll_scenarios.append(
            Scenario(PLAIN_BALLOT, "POST", [], once=ballots(polls["plain"], keys))
        )
    budgeting = t.get("budgeting") or {}
    budgeting_scenarios = []
    if budgeting.get("grants"):  # a tree from before issue 12 has none
        contests = budgeting["regional"] + budgeting["grants"]
        grants = budgeting["grants"][0]
        budgeting_scenarios = [
            Scenario("contest page", "GET", [f"/budgeting/{c}/" for c in contests]),
            Scenario(
                "review queue (1,162)",
                "GET",
                [f"/budgeting/{grants}/review/"],
                cookie=budgeting["cookie"],
            ),
            Scenario(
                "review queue (regional)",
                "GET",
                [f"/budgeting/{c}/review/" for c in budgeting["regional"]],
                cookie=budgeting["cookie"],
            ),
        ]
    voting = t.get("voting", {"projects": []})
    voting_scenarios = []
    if voting["projects"]:  # issue 13: each key holder votes for each project once
        rng_votes = random.Random(4)
        votes = [
            (f"/api/v1/budgeting/applications/{p}/vote", key, {})
            for p in voting["projects"]
            for key in keys
        ]
        rng_votes.shuffle(votes)
        voting_scenarios = [
            Scenario("vote for a project (API)", "POST", [], once=votes),
            Scenario("voting results page", "GET", [f"/budgeting/{voting['results']}/results/"]),
        ]
    return [
        Scenario("map GeoJSON (Surgut bbox)", "GET", [f"/reports/map.geojson?bbox={bbox}"]),
        # What the portal's map sends: clustered on the server (core/maps.py, bench/maps.py).
        Scenario(
            "map GeoJSON clustered (Surgut bbox, zoom 11)",
            "GET",
            [f"/reports/map.geojson?bbox={bbox}&zoom=11"],
        ),
        Scenario(
            "list page, filtered",
            "GET",
            [
                f"/reports/?municipality={t['municipality']}&status=routed&page={p}"
                for p in range(1, 6)
            ],
        ),
        Scenario("report page", "GET", [f"/reports/{i}/" for i in ids]),
        *idea_pages,
        *discussion_pages,
        Scenario("file a report (API)", "POST", ["/api/v1/reports/"], filings, keys),
        Scenario("support a report (API)", "POST", [], once=new_supports("reports", ids, keys)),
        *idea_support,
        *poll_scenarios,
        *budgeting_scenarios,
        *voting_scenarios,
        Scenario("bare insert view", "POST", ["/bench/insert/"], []),
    ]


def line(result: Result) -> str:
    return (
        f"  {result.name:<28} {result.rps:8.1f} req/s   p50 {result.percentile(50):7.1f} ms"
        f"   p95 {result.percentile(95):7.1f} ms   errors {result.errors}"
    )


def _children_cpu() -> float:
    """CPU used so far by this process's finished children (the load's client processes)."""
    times = os.times()
    return times.children_user + times.children_system


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU (user + system) the master and its workers have used so far (/proc)."""
    total = 0.0
    for pid in server_pids(server):
        try:
            total += process_cpu_seconds(pid)
        except FileNotFoundError:  # a worker replaced meanwhile
            continue
    return total


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def results_page_queries(env: dict, polls: dict) -> str:
    """The results page's SQL queries (anonymous, warm) for the polls of 150 and 150,000
    ballots, and its CPU time per request (bench/pagecost.py, in its own process)."""
    small, big = (f"/polls/{polls[str(n)]}/results/" for n in (SMALL_POLL, BIG_POLL))
    out = subprocess.run(
        [str(PYTHON), "bench/pagecost.py", small, big, f"--cpu=results={big}", "--repeat=50"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    import json

    cost = json.loads(out.strip().splitlines()[-1])
    queries = cost["queries"]
    return (
        f"  SQL queries, anonymous, rendered: results page of {SMALL_POLL} / {BIG_POLL} ballots: "
        f"{queries[f'anonymous {small}']} / {queries[f'anonymous {big}']}; CPU per anonymous "
        f"request in one process {cost['cpu_ms']['results']} ms from the guests' cache, "
        f"{cost['rendered_ms']['results']} ms rendered"
    )


def budgeting_queries(env: dict, budgeting: dict) -> str:
    """The SQL queries of the contest page (anonymous) and of the reviewers' queue (as the bench
    reviewer) for a regional contest (~136 applications) and the grants contest (1,162)."""
    import json

    regional, grants = budgeting["regional"][0], budgeting["grants"][0]
    pages = [f"/budgeting/{regional}/", f"/budgeting/{grants}/"]
    queues = [f"/budgeting/{regional}/review/", f"/budgeting/{grants}/review/"]
    counted = {}
    for paths, extra in ((pages, []), (queues, ["--signed-in-only"])):
        out = subprocess.run(
            [str(PYTHON), "bench/pagecost.py", *paths, "--user", "r61@bench.veche", *extra],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        counted.update(json.loads(out.strip().splitlines()[-1])["queries"])
    return (
        "  SQL queries, regional contest / grants contest (1,162 applications): contest page "
        f"{counted[f'anonymous {pages[0]}']} / {counted[f'anonymous {pages[1]}']} (anonymous), "
        f"{counted[f'resident {pages[0]}']} / {counted[f'resident {pages[1]}']} (its reviewer); "
        f"reviewers' queue {counted[f'resident {queues[0]}']} / {counted[f'resident {queues[1]}']}"
    )


def bench(db: str, args) -> None:
    env = environment(DATABASES[db])
    if db == "postgres":
        ensure_postgres_database(env)
    keys_file = ROOT / "var" / f"bench-keys-{db}.txt"
    subprocess.run(
        [
            str(PYTHON),
            "bench/prepare.py",
            "--reports",
            str(args.reports),
            "--votes",
            str(args.votes),
            "--keys",
            str(keys_file),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    keys = keys_file.read_text().split()
    t = targets(env)
    server = serve(env, args.port, args.workers)
    try:
        print(
            f"\n== {db}: {args.reports} reports, {len(t['ideas'])} public ideas, "
            f"{len(t.get('polls', {}).get('open', []))} open polls, "
            f"gunicorn {args.workers} workers, {args.clients} client processes, "
            f"{args.seconds:g} s per scenario"
        )
        chosen = [s for s in scenarios(t, keys) if not args.only or s.name in args.only]
        warm_up(args.port, chosen, seconds=args.warm_up, clients=args.clients)
        print(f"  before: {uptime()}")
        # In slices, round-robin: every scenario gets its share of each moment of the run, so
        # a ratio (supporting / bare insert) is not skewed by what else the machine does.
        parts: dict[str, list[Result]] = {s.name: [] for s in chosen}
        # The CPU the server and the clients spent on each scenario: what a request costs,
        # which depends less than requests/s on what else the machine does.
        cpu = {s.name: [0.0, 0.0] for s in chosen}
        for _slice in range(args.slices):
            for scenario in chosen:
                seconds = args.seconds / args.slices
                server_before, clients_before = server_cpu_seconds(server), _children_cpu()
                parts[scenario.name].append(
                    run(args.port, scenario, seconds=seconds, clients=args.clients)
                )
                cpu[scenario.name][0] += server_cpu_seconds(server) - server_before
                cpu[scenario.name][1] += _children_cpu() - clients_before
        results = {name: Result.merged(found) for name, found in parts.items()}
        print(f"  after:  {uptime()}")
        for result in results.values():
            served, sent = cpu[result.name]
            per = 1000 / result.requests if result.requests else 0.0
            print(
                f"{line(result)}   CPU a request: server {served * per:.2f} ms, "
                f"clients {sent * per:.2f} ms",
                flush=True,
            )
        bare = results.get("bare insert view")
        for name, what, target in SHARES_OF_BARE:
            measured = results.get(name)
            if measured and bare:
                ratio = 100 * measured.rps / bare.rps
                print(f"  {what} = {ratio:.0f} % of the bare-insert rate{target}")
        if "poll results page (150,000)" in results:
            print(results_page_queries(env, t["polls"]["results"]))
        if "review queue (1,162)" in results:
            print(budgeting_queries(env, t["budgeting"]))
        print(f"  server memory (master + workers): {memory_mb(server):.0f} MB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument(
        "--votes",
        type=int,
        default=100_000,
        help="votes stored in the closed bench contest (seed 002: 802,034; bench/prepare.py)",
    )
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--warm-up", type=float, default=3, help="seconds of unmeasured requests first, in all"
    )
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--slices", type=int, default=1, help="measure each scenario in N round-robin slices"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="SCENARIO",
        help='run only this scenario (repeatable), e.g. --only "list page, filtered"',
    )
    args = parser.parse_args()
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        bench(db, args)


if __name__ == "__main__":
    main()
