"""This tree against an earlier one in one run: both served at once, measured in alternate slices.

    git worktree add /tmp/before <commit>        # or: git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python bench/compare.py --before /tmp/before --only "list page, filtered"

Each tree gets its own prepared database (its `var/bench.sqlite3`, filled by its own
`bench/prepare.py`) and its own gunicorn; the load then goes to one server and the other in
turn, a few seconds each, ABBA, so that whatever else the machine does falls on both alike.
Prints each scenario's requests/s and p95 for both trees and their ratio. Figures, not
assertions (docs/benchmarks.md).
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load import Result, run  # noqa: E402
from bench.run import PYTHON, scenarios, serve, targets  # noqa: E402


def tree_environment(tree: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tree / 'var' / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "compare-" + "x" * 60,
        "PYTHONPATH": str(tree),
        "MEDIA_ROOT": str(tree / "var" / "bench-media"),
    }


def prepare(tree: Path, reports: int) -> tuple[dict, list[str]]:
    env = tree_environment(tree)
    (tree / "var").mkdir(exist_ok=True)
    keys = tree / "var" / "bench-keys-sqlite.txt"
    command = [str(PYTHON), "bench/prepare.py", "--reports", str(reports), "--keys", str(keys)]
    subprocess.run(command, cwd=tree, env=env, check=True)
    return env, keys.read_text().split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="a tree of the earlier commit")
    parser.add_argument("--reports", type=int, default=5_000)
    parser.add_argument("--slices", type=int, default=6, help="slices per tree and scenario")
    parser.add_argument("--seconds", type=float, default=3, help="length of one slice")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", action="append", metavar="SCENARIO")
    args = parser.parse_args()

    trees = {"before": args.before.resolve(), "after": ROOT}
    plans, servers = {}, {}
    try:
        for number, (label, tree) in enumerate(trees.items()):
            env, keys = prepare(tree, args.reports)
            chosen = scenarios(targets(env, tree), keys)
            plans[label] = {s.name: s for s in chosen if not args.only or s.name in args.only}
            port = 8770 + number
            servers[label] = (port, serve(env, port, args.workers, tree))
        print(
            f"\n== sqlite: {args.reports} reports; before = {trees['before']}, after = this tree;"
            f" {args.slices} × {args.seconds:g} s per tree and scenario, alternating"
        )
        for name in plans["after"]:
            parts: dict[str, list[Result]] = {"before": [], "after": []}
            for index in range(args.slices):
                order = ["before", "after"] if index % 2 == 0 else ["after", "before"]
                for label in order:
                    port = servers[label][0]
                    parts[label].append(
                        run(port, plans[label][name], seconds=args.seconds, clients=args.clients)
                    )
            before, after = Result.merged(parts["before"]), Result.merged(parts["after"])
            print(
                f"  {name:<28} before {before.rps:7.1f} req/s p95 {before.percentile(95):6.1f} ms"
                f" | after {after.rps:7.1f} req/s p95 {after.percentile(95):6.1f} ms"
                f" | after/before {100 * after.rps / before.rps:5.1f} %"
                f"   errors {before.errors}/{after.errors}",
                flush=True,
            )
    finally:
        for _port, server in servers.values():
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
