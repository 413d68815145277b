"""Integrity under load: 100 residents each send 10 concurrent support requests for the same
report, across 4 gunicorn worker processes on PostgreSQL; the count must be exactly 100. The same
for one idea (its `support_count` and its support rows). The same residents each cast 10
concurrent ballots (different answers) in one poll: exactly 100 ballots, and counts that add up
(the options' counts equal the answers chosen, each option's counts by municipality add up to
its count, participation to the ballots, demographic counts to a recount of the ballots). Then
20 concurrent filings with one client token must create one report. Public voting (issue 13):
100 residents × 10 concurrent votes for one project → exactly 100, and with a cap of 3 each
resident's 10 concurrent votes for 10 projects → exactly 3 each. Points (issue 15): one
resident's 50 concurrent orders of a 10-point reward from a balance of 100 → exactly 10 placed,
the balance 0; 20 residents' concurrent orders for the last item in stock → exactly one; the
balances are printed, none negative, and the ledger has no drift.

    .venv/bin/python bench/integrity.py --only points   # just the points cases
    .venv/bin/python bench/integrity.py --only votes    # just public voting (issue 13)

    .venv/bin/python bench/integrity.py            # PostgreSQL (the point of the exercise)
    .venv/bin/python bench/integrity.py --db sqlite

Exits non-zero when a count is wrong.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import (  # noqa: E402
    DATABASES,
    PYTHON,
    ballot,
    ensure_postgres_database,
    environment,
    serve,
    targets,
)

RESIDENTS, PER_RESIDENT, FILINGS = 100, 10, 20


def post(port: int, path: str, key: str, body: dict | None = None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "Authorization": f"Bearer {key}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection.request("POST", path, body=urlencode(body or {}), headers=headers)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, json.loads(payload or b"{}")


def post_json(port: int, path: str, key: str, body: dict) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    connection.request("POST", path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def django(env: dict, code: str) -> str:
    script = "import django; django.setup()\n" + code
    return (
        subprocess.run(
            [str(PYTHON), "-c", script],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def concurrent_supports(port: int, path: str, keys: list[str]) -> list[int]:
    """PER_RESIDENT requests per key at once, interleaved; the answers' statuses."""
    jobs = [key for key in keys for _ in range(PER_RESIDENT)]
    with ThreadPoolExecutor(max_workers=64) as pool:
        return list(pool.map(lambda key: post(port, path, key)[0], jobs))


def idea_supports(env: dict, port: int, keys: list[str]) -> bool:
    """100 residents × 10 concurrent supports of one open idea → 100 counted and 100 rows."""
    idea_id = int(
        django(
            env,
            (
                "from veche.ideas.models import Idea, IdeaSupport\n"
                "i = Idea.objects.filter(status='published', author__email__regex="
                "r'^r[0-4]?[0-9]@bench[.]veche$').first()\n"
                "IdeaSupport.objects.filter(idea=i).delete(); Idea.objects.filter(pk=i.pk)"
                ".update(support_count=0)\nprint(i.pk)"
            ),
        )
    )
    statuses = concurrent_supports(port, f"/api/v1/ideas/{idea_id}/support", keys)
    counted, rows = map(
        int,
        django(
            env,
            (
                "from veche.ideas.models import Idea, IdeaSupport\n"
                f"print(Idea.objects.get(pk={idea_id}).support_count,"
                f" IdeaSupport.objects.filter(idea_id={idea_id}).count())"
            ),
        ).split(),
    )
    print(
        f"{len(statuses)} idea support requests from {len(keys)} residents "
        f"({sum(s == 200 for s in statuses)} answered 200) → support_count = {counted}, "
        f"{rows} support rows (expected {RESIDENTS})"
    )
    return counted == rows == RESIDENTS


POLL_COUNTS = """
import json
from collections import Counter
from django.db.models import Sum
from veche.polls.models import (Answer, Ballot, BallotGroupCount, GroupCount, MunicipalityCount,
                                OptionCount, Poll)
from veche.polls.selectors import counter_mismatches
poll = Poll.objects.get(pk=POLL)
of_poll = dict(question__poll=poll)
chosen = Answer.objects.filter(ballot__poll=poll, option__isnull=False)
options = dict(OptionCount.objects.filter(**of_poll).values_list('option_id', 'count'))
by_place = Counter()
for option, n in MunicipalityCount.objects.filter(**of_poll).values_list('option_id', 'count'):
    by_place[option] += n
groups = Counter({(o, d, v): n for o, d, v, n in GroupCount.objects.filter(**of_poll)
                  .values_list('option_id', 'dimension', 'value', 'count') if n})
recount = Counter()
for o, age, sex, kind in chosen.values_list('option_id', 'ballot__age_group', 'ballot__sex',
                                            'ballot__settlement_kind'):
    recount.update((o, d, v) for d, v in (('age', age), ('sex', sex), ('settlement', kind)) if v)
print(json.dumps({
    'ballots': Ballot.objects.filter(poll=poll).count(), 'counted': poll.ballot_count,
    'chosen': chosen.count(), 'option_sum': sum(options.values()),
    'place_sum': sum(by_place.values()),
    'options_by_place_differ': sum(options[o] != by_place[o] for o in options),
    'participation': BallotGroupCount.objects.filter(poll=poll, dimension='municipality')
        .aggregate(n=Sum('count'))['n'] or 0,
    'groups_differ': groups != recount, 'mismatches': counter_mismatches(poll)}))
"""


def poll_ballots(env: dict, port: int, keys: list[str]) -> bool:
    """100 residents × 10 concurrent ballots (each with other answers) in one open poll → exactly
    100 ballots and counters that add up. The poll is the first open bench poll; bench/prepare.py
    has just taken its ballots back."""
    poll = targets(env)["polls"]["open"][0]
    rng = random.Random(5)
    jobs = [(key, ballot(poll, rng)) for key in keys for _ in range(PER_RESIDENT)]
    path = f"/api/v1/polls/{poll['id']}/ballot"
    with ThreadPoolExecutor(max_workers=64) as pool:
        statuses = list(pool.map(lambda job: post_json(port, path, *job), jobs))
    found = json.loads(django(env, POLL_COUNTS.replace("POLL", str(poll["id"]))))
    answered = ", ".join(f"{n} answered {s}" for s, n in sorted(Counter(statuses).items()))
    print(
        f"{len(statuses)} ballots from {len(keys)} residents in one poll ({answered}) → "
        f"{found['ballots']} ballots, ballot_count {found['counted']} (expected {RESIDENTS}); "
        f"options counted {found['option_sum']} = {found['chosen']} answers chosen; by "
        f"municipality {found['place_sum']}, options whose municipalities do not add up: "
        f"{found['options_by_place_differ']}; participation {found['participation']}; "
        f"demographic counts {'differ from' if found['groups_differ'] else 'equal'} a recount; "
        f"counter_mismatches: {found['mismatches'] or 'none'}"
    )
    return (
        found["ballots"] == found["counted"] == found["participation"] == RESIDENTS
        and found["option_sum"] == found["chosen"] == found["place_sum"]
        and not found["options_by_place_differ"]
        and not found["groups_differ"]
        and not found["mismatches"]
        and Counter(statuses) == {201: RESIDENTS, 409: RESIDENTS * (PER_RESIDENT - 1)}
    )


VOTING_RESET = """
from veche.accounts.models import User
from veche.budgeting.models import Contest, VotingTerms
from bench.prepare_voting import OPEN_TITLE, reset
contest = Contest.objects.get(title=OPEN_TITLE)
reset(contest, list(User.objects.filter(api_tokens__isnull=False).distinct()))
VotingTerms.objects.filter(contest=contest).update(max_choices=CAP)
print(contest.pk)
"""

VOTING_COUNTS = """
import json
from django.db.models import Count
from veche.budgeting.models import PublicVote, VoterBallot, VoteReceipt, VoteTally
tallies = {t.pk: t.votes for t in VoteTally.objects.filter(contest_id=CONTEST)}
rows = dict(PublicVote.objects.filter(tally__contest_id=CONTEST).values_list('tally_id')
            .annotate(n=Count('pk')).values_list('tally_id', 'n'))
per_voter = list(VoterBallot.objects.filter(contest_id=CONTEST, votes__gt=0)
                 .values_list('votes', flat=True))
live = VoteReceipt.objects.filter(contest_id=CONTEST, withdrawn_at=None).count()
from veche.budgeting.models import Contest
from veche.budgeting.selectors_voting import participants
kept = participants(Contest.objects.get(pk=CONTEST))
print(json.dumps({'tallies': tallies, 'rows': {str(k): v for k, v in rows.items()},
                  'per_voter': per_voter, 'receipts': live, 'participants': kept}))
"""


def public_votes(env: dict, port: int, keys: list[str]) -> bool:
    """Issue 13: 100 residents × 10 concurrent votes for one project → exactly 100; then, with a
    cap of 3, each resident's 10 concurrent votes for 10 projects → exactly 3 each."""
    ok = True
    path = "/api/v1/budgeting/applications/{}/vote"
    for cap in ("None", "3"):
        contest = int(django(env, VOTING_RESET.replace("CAP", cap)))
        projects = sorted(targets(env)["voting"]["projects"])
        if cap == "None":
            jobs = [(key, projects[0]) for key in keys for _ in range(PER_RESIDENT)]
        else:
            jobs = [(key, projects[n]) for key in keys for n in range(PER_RESIDENT)]
        random.Random(9).shuffle(jobs)
        with ThreadPoolExecutor(max_workers=64) as pool:
            statuses = list(
                pool.map(lambda job: post_json(port, path.format(job[1]), job[0], {}), jobs)
            )
        found = json.loads(django(env, VOTING_COUNTS.replace("CONTEST", str(contest))))
        total = sum(found["tallies"].values())
        rows = sum(found["rows"].values())
        answered = ", ".join(f"{n} answered {s}" for s, n in sorted(Counter(statuses).items()))
        counters_equal_rows = all(
            found["rows"].get(str(pk), 0) == votes for pk, votes in found["tallies"].items()
        )
        if cap == "None":
            print(
                f"{len(statuses)} votes from {len(keys)} residents for one project ({answered})"
                f" → {total} counted, {rows} rows, {found['receipts']} receipts "
                f"(expected {RESIDENTS}); participants kept {found['participants']}, ballots "
                f"with a vote {len(found['per_voter'])}"
            )
            ok &= total == rows == found["receipts"] == RESIDENTS and counters_equal_rows
        else:
            print(
                f"{len(statuses)} votes from {len(keys)} residents for 10 projects each with a cap"
                f" of 3 ({answered}) → {rows} rows, {total} counted, per voter "
                f"{sorted(set(found['per_voter']))} (expected 3 each, {3 * RESIDENTS} in all)"
            )
            ok &= total == rows == 3 * RESIDENTS and set(found["per_voter"]) == {3}
            ok &= counters_equal_rows
        ok &= found["participants"] == len(found["per_voter"])
    django(env, VOTING_RESET.replace("CAP", "None"))
    return bool(ok)


POINTS_SETUP = """
import json, time, uuid
from veche.events.selectors import last_event_id, settle_seconds, watermark
from veche.points.services.granting import CONSUMER, process_events
from veche.accounts.models import User
from veche.ledger.services import post
from veche.points.models import Reward
from veche.points.services._common import issuing_account, person_account, spending_account
def set_balance(user, amount):
    account = person_account(user)
    change = amount - account.balance
    if change:
        other = issuing_account() if change > 0 else spending_account()
        post(key=f"bench.points:{uuid.uuid4()}", kind="bench.points",
             legs=[(other, -change), (account, change)])
# The earlier cases' ballots and votes earn points too: grant them all first (the consumer waits
# out a gap in the event ids for its settling time), so that none lands on a balance mid-case.
deadline = time.monotonic() + settle_seconds() + 10
while watermark(CONSUMER) < last_event_id() and time.monotonic() < deadline:
    if not process_events():
        time.sleep(1)
users = [User.objects.get(pk=pk) for pk in USER_IDS]
for user in users:
    set_balance(user, BALANCE)
reward = Reward.objects.create(title=f"Бенчмарк {uuid.uuid4().hex[:8]}", kind="souvenir",
                               price=PRICE, stock=STOCK)
print(json.dumps({"reward": reward.pk, "users": [u.pk for u in users]}))
"""

POINTS_FOUND = """
import json
from django.db.models import Sum
from veche.ledger.models import Account
from veche.ledger.selectors import balance_drift, unbalanced_transactions
from veche.points.models import Order, Reward
from veche.points.services._common import person_account
from veche.accounts.models import User
users = User.objects.filter(pk__in=USERS).order_by('pk')
print(json.dumps({
    "balances": [person_account(u).balance for u in users],
    "orders": Order.objects.filter(reward_id=REWARD).count(),
    "stock": Reward.objects.get(pk=REWARD).stock,
    "negative": Account.objects.filter(balance__lt=0, may_go_negative=False).count(),
    "drift": len(balance_drift()) + unbalanced_transactions().count()}))
"""


def _points_case(env, port, keys, *, balance, price, stock, requests_per_key):
    # bench/prepare.py writes each key as <prefix>bench<user id, 8 digits><random>.
    user_ids = [int(key.split("bench", 1)[1][:8]) for key in keys]
    setup = (
        POINTS_SETUP.replace("USER_IDS", repr(user_ids))
        .replace("BALANCE", str(balance))
        .replace("PRICE", str(price))
        .replace("STOCK", str(stock))
    )
    made = json.loads(django(env, setup))
    jobs = [key for key in keys for _ in range(requests_per_key)]
    random.Random(3).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=64) as pool:
        statuses = list(
            pool.map(
                lambda key: post_json(
                    port, "/api/v1/points/orders", key, {"reward": made["reward"]}
                ),
                jobs,
            )
        )
    found = json.loads(
        django(
            env,
            POINTS_FOUND.replace("USERS", repr(made["users"])).replace(
                "REWARD", str(made["reward"])
            ),
        )
    )
    return statuses, found


def points_orders(env: dict, port: int, keys: list[str]) -> bool:
    """Issue 15: 50 concurrent spends from one balance covering 10, and 20 concurrent orders for
    the last item, through the API on 4 processes."""
    statuses, found = _points_case(
        env, port, keys[:1], balance=100, price=10, stock=1000, requests_per_key=50
    )
    answered = ", ".join(f"{n} answered {s}" for s, n in sorted(Counter(statuses).items()))
    print(
        f"50 concurrent orders of a 10-point reward from a balance of 100 ({answered}) → "
        f"{found['orders']} orders, balance {found['balances']} (expected 10 orders, [0]); "
        f"negative balances: {found['negative']}, ledger drift: {found['drift']}"
    )
    ok = found["orders"] == 10 and found["balances"] == [0]
    ok &= not found["negative"] and not found["drift"]
    statuses, found = _points_case(
        env, port, keys[:20], balance=100, price=60, stock=1, requests_per_key=1
    )
    answered = ", ".join(f"{n} answered {s}" for s, n in sorted(Counter(statuses).items()))
    print(
        f"20 residents' concurrent orders for the last item ({answered}) → {found['orders']} "
        f"order, stock {found['stock']}, balances {sorted(found['balances'])} (expected 1 order, "
        f"stock 0, one 40 and nineteen 100); negative balances: {found['negative']}, "
        f"ledger drift: {found['drift']}"
    )
    ok &= found["orders"] == 1 and found["stock"] == 0
    ok &= sorted(found["balances"]) == [40] + [100] * 19
    ok &= not found["negative"] and not found["drift"]
    return bool(ok)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--only", choices=["points", "votes"], help="run only these cases")
    parser.add_argument(
        "--skip-prepare", action="store_true", help="reuse the data and keys of the last run"
    )
    args = parser.parse_args()
    env = environment(DATABASES[args.db])
    # The order limit per resident would refuse the spends before the balance does.
    env["RATE_LIMIT_POINTS_ORDER"] = "1000/60"
    if args.db == "postgres":
        ensure_postgres_database(env)
    keys_file = ROOT / "var" / f"bench-keys-{args.db}.txt"
    if not args.skip_prepare:
        subprocess.run(
            [str(PYTHON), "bench/prepare.py", "--reports", "200", "--votes", "2000"]
            + ["--keys", str(keys_file)],
            cwd=ROOT,
            env=env,
            check=True,
        )
    keys = keys_file.read_text().split()[:RESIDENTS]
    # A published demo report (its author is not a bench resident), its supports reset.
    report_id = int(
        django(
            env,
            (
                "from veche.reports.models import Report, Support\n"
                "r = Report.objects.filter(status='routed', author__email__endswith='@demo.veche')"
                ".first()\n"
                "Support.objects.filter(report=r).delete(); Report.objects.filter(pk=r.pk)"
                ".update(support_count=0)\nprint(r.pk)"
            ),
        )
    )
    server = serve(env, args.port, workers=4)
    failures = 0
    if args.only:
        case = points_orders if args.only == "points" else public_votes
        try:
            failures += not case(env, args.port, keys)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        print("INTEGRITY OK" if not failures else "INTEGRITY FAILED")
        return 1 if failures else 0
    try:
        statuses = concurrent_supports(args.port, f"/api/v1/reports/{report_id}/support", keys)
        counted = int(
            django(
                env,
                (
                    "from veche.reports.models import Report, Support\n"
                    f"r = Report.objects.get(pk={report_id})\n"
                    f"assert r.support_count == Support.objects.filter(report=r).count()\n"
                    "print(r.support_count)"
                ),
            )
        )
        expected = RESIDENTS
        print(
            f"{len(statuses)} support requests from {RESIDENTS} residents "
            f"({sum(s == 200 for s in statuses)} answered 200) → support_count = {counted} "
            f"(expected {expected})"
        )
        failures += counted != expected
        failures += not idea_supports(env, args.port, keys)
        failures += not poll_ballots(env, args.port, keys)
        failures += not public_votes(env, args.port, keys)
        failures += not points_orders(env, args.port, keys)

        token = f"integrity-{uuid.uuid4()}"
        body = {
            "topic_id": django(
                env,
                "from veche.reports.models import Topic\nprint("
                "Topic.objects.filter(attributes__isnull=True,"
                " photos_required=False).first().pk)",
            ),
            "text": "Одна и та же отправка",
            "lat": 61.254,
            "lon": 73.396,
            "client_token": token,
        }
        with ThreadPoolExecutor(max_workers=FILINGS) as pool:
            answers = list(
                pool.map(
                    lambda _: post(args.port, "/api/v1/reports/", keys[0], body), range(FILINGS)
                )
            )
        ids = {payload.get("id") for status, payload in answers if status == 201}
        stored = int(
            django(
                env,
                f"from veche.reports.models import Report\n"
                f"print(Report.objects.filter(client_token='{token}').count())",
            )
        )
        print(
            f"{FILINGS} concurrent filings with one client token → {stored} report(s), "
            f"ids returned {sorted(i for i in ids if i)} (expected 1)"
        )
        failures += stored != 1 or len(ids) != 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print("INTEGRITY OK" if not failures else "INTEGRITY FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
