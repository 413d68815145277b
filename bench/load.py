"""A small HTTP load generator: several processes, each a loop of requests for a fixed time,
reporting requests/s and latency percentiles. Loopback only."""

import http.client
import itertools
import json
import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode


def process_cpu_seconds(pid: int) -> float:
    """CPU (user + system) the process `pid` of this machine has used so far (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Scenario:
    name: str
    method: str
    # paths and bodies are drawn per request from these lists
    paths: list[str]
    bodies: list[dict] | None = None
    tokens: list[str] | None = None
    # Requests that may be sent once only (a ballot: one per key holder and poll), as (path,
    # key, JSON body): taken in order, each at most once over all the calls of a run.
    once: list[tuple[str, str, dict]] | None = None
    # A signed-in person's session cookie ("sessionid=…"), for pages only staff see.
    cookie: str | None = None


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @classmethod
    def merged(cls, parts: list["Result"]) -> "Result":
        """One result from slices of the same scenario."""
        return cls(
            parts[0].name,
            sum(p.requests for p in parts),
            sum(p.errors for p in parts),
            sum(p.seconds for p in parts),
            [latency for p in parts for latency in p.latencies_ms],
        )

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


# The running call's requests sent once: set before its client processes fork, which inherit
# them. Handed to the clients as arguments, they were pickled by this process and unpickled by
# every client on every call, beside the measured server and counted as the clients' CPU: a cost
# of the load's, charged to those scenarios only.
_sent_once: list[tuple[str, str, dict]] = []


def _worker(
    port: int, scenario: Scenario, seconds: float, seed: int, share: tuple[int, int] | None
) -> tuple[int, int, list, bool]:
    """One client's loop; `share` (first, step): its requests among the scenario's sent once."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    latencies: list[float] = []
    pending = None
    if share is not None:
        pending = itertools.islice(_sent_once, share[0], None, share[1])
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = rng.choice(scenario.paths) if scenario.paths else ""
        headers = {"Connection": "keep-alive"}
        body = None
        if scenario.cookie:
            headers["Cookie"] = scenario.cookie
        if scenario.tokens:
            headers["Authorization"] = f"Bearer {rng.choice(scenario.tokens)}"
        if pending is not None:
            taken = next(pending, None)
            if taken is None:
                return done, errors, latencies, True  # ran out: the caller says so
            path, key, payload = taken
            headers["Authorization"] = f"Bearer {key}"
            body = json.dumps(payload)
            headers["Content-Type"] = "application/json"
        elif scenario.bodies is not None:
            body = urlencode(rng.choice(scenario.bodies) if scenario.bodies else {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(scenario.method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status < 400
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
        latencies.append((time.perf_counter() - started) * 1000)
        done += 1
        errors += 0 if ok else 1
    return done, errors, latencies, False


_FORK = multiprocessing.get_context("fork")  # the clients inherit _sent_once
# Each call's clients draw other requests than the calls before: slices of one scenario
# (run.py --slices) repeating the first slice's draws would measure supports given already.
_seeds = itertools.count()
# Per scenario, how far the calls so far went into its `once` requests.
_taken: dict[str, int] = {}


def run(port: int, scenario: Scenario, *, seconds: float, clients: int) -> Result:
    global _sent_once
    base = _taken.get(scenario.name, 0)
    once = scenario.once is not None
    if once:
        _sent_once = scenario.once
    # The clients fork with _sent_once: only the scenario's small part and the share go by pickle.
    sent = replace(scenario, once=None)
    with ProcessPoolExecutor(max_workers=clients, mp_context=_FORK) as pool:
        seeds = [next(_seeds) for _ in range(clients)]
        futures = [
            pool.submit(_worker, port, sent, seconds, seed, (base + n, clients) if once else None)
            for n, seed in enumerate(seeds)
        ]
        parts = [f.result() for f in futures]
    if scenario.once is not None:
        _taken[scenario.name] = base + clients * max(p[0] for p in parts)
        if any(p[3] for p in parts):
            raise SystemExit(f"{scenario.name}: ran out of requests to send once; prepare more")
    return Result(
        scenario.name,
        sum(p[0] for p in parts),
        sum(p[1] for p in parts),
        seconds,  # the measuring window; process start-up is not counted
        [lat for p in parts for lat in p[2]],
    )


def warm_up(port: int, scenarios: list[Scenario], *, seconds: float, clients: int) -> None:
    """Send every scenario's requests for `seconds`, unmeasured, before the measured run: each
    server worker imports the portal's URLs and views on its first request and fills its
    caches (API tokens, prepared statements) on the first of each kind. Without this the first
    scenario measured pays the workers' start-up and the others do not."""
    if seconds <= 0:
        return
    for scenario in scenarios:
        run(port, scenario, seconds=seconds / len(scenarios), clients=clients)
