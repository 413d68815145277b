#!/usr/bin/env python3
"""Fuzz Veche's Open311 GeoReport v2 endpoints as an outsider would.

    python scripts/fuzz_open311.py http://127.0.0.1:8311 API_KEY [--count 900] [--seed 311]

Sends the inputs that once made the server fail (NUL bytes, dates out of range, Unicode digits,
5,000-digit numbers, overlong e-mails and Idempotency-Keys, characters XML 1.0 forbids, bodies
that cannot be read) and random garbage from a seeded generator to every endpoint, in XML and
JSON, by GET and POST. It prints the count of answers per status and exits non-zero on any 5xx,
on an XML answer that does not parse, or on a JSON answer that does not parse.

Only the standard library is used, so it runs against any server; the test suite runs the same
generator in-process (veche/open311/tests/test_fuzz.py).
"""

import argparse
import http.client
import json
import random
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

PREFIX = "/open311/v2/"
NO_ANSWER = 599  # counted as a server error
FORMATS = ("xml", "json")
LONG_DIGITS = "9" * 5000
NUL_VALUE = "a\x00b"
MAX_URL = 16000  # runserver takes 64 KiB; stay far below what a proxy in front would refuse
XML_FORBIDDEN = "".join(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)))
# Alphabets random strings are drawn from: each once broke some parser somewhere.
ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz0123456789-_.,:;/ ",
    "0123456789",
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits: Python's isdigit() and int() accept them
    "０１２３４５６７８９",  # fullwidth digits
    "ямадорогаЮгра№«»—",
    XML_FORBIDDEN + "\x00\ufffe\uffff",
    "\ud800\udbff\udc00\udfff",  # lone surrogates: sent as invalid UTF-8
    "'\"<>&%;{}[]()=+*!?#\\|`~^$@",
    "😀🏳️‍🌈𝔘ﷺ\u200b\u202e\ufeff",
]
TEXT_PARAMS = [
    "description",
    "address_string",
    "first_name",
    "last_name",
    "email",
    "phone",
    "device_id",
    "account_id",
    "media_url",
    "address_id",
]
QUERY_PARAMS = [
    "service_request_id",
    "service_code",
    "start_date",
    "end_date",
    "status",
    "page",
    "page_size",
    "extensions",
    "jurisdiction_id",
    "lat",
    "long",
]
# Values that made Open311 answer 500 before issue 7, by the parameters they go to.
KNOWN_BAD = {
    "start_date": ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59-12:00", "2026-02-30", "+"],
    "end_date": ["0001-01-01", "0001-01-01T00:00:00+14:00", "10000-01-01", "Z"],
    "service_request_id": ["١٢٣", "１２", LONG_DIGITS, "1," + LONG_DIGITS, "-1", "1e9", "0x10"],
    "page": ["١٢٣", "１２", LONG_DIGITS, "0", "-5", "1.5"],
    "page_size": ["٥", "１０", LONG_DIGITS, "0"],
    "lat": ["٦١", "６１", LONG_DIGITS, "nan", "inf", "-inf", "1e400", "91", "61,2"],
    "long": ["٧٣", "７３", LONG_DIGITS, "NaN", "1e-400", "-181", "73.5.1"],
    "email": ["a" * 64 + "@" + "b" * 190 + ".org", "@", "a@b", "x" * 5000 + "@example.org"],
    "status": ["open\x00", "OPEN,closed", ",,,", "пусто"],
}


@dataclass
class Case:
    method: str
    path: str  # already percent-encoded, with its query string
    body: bytes = b""
    content_type: str = ""
    headers: dict = field(default_factory=dict)

    @property
    def fmt(self) -> str:
        return self.path.split("?")[0].rsplit(".", 1)[-1]


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    server_errors: list = field(default_factory=list)
    bad_xml: list = field(default_factory=list)
    bad_json: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.server_errors or self.bad_xml or self.bad_json)

    def report(self) -> str:
        lines = [f"requests: {sum(self.statuses.values())}"]
        lines += [f"  {status}: {n}" for status, n in sorted(self.statuses.items())]
        lines.append(f"server errors: {len(self.server_errors)}")
        lines.append(f"XML responses that failed to parse: {len(self.bad_xml)}")
        lines.append(f"JSON responses that failed to parse: {len(self.bad_json)}")
        for label, cases in (
            ("5xx", self.server_errors),
            ("bad XML", self.bad_xml),
            ("bad JSON", self.bad_json),
        ):
            lines += [f"  {label}: {case.method} {case.path[:200]}" for case in cases[:20]]
        return "\n".join(lines)


def encode(params: list[tuple[str, str]]) -> str:
    """A query string; lone surrogates go out as the invalid UTF-8 a broken client would send."""
    return urllib.parse.urlencode(params, encoding="utf-8", errors="surrogatepass")


def garbage(rng: random.Random) -> str:
    length = rng.choice([0, 1, 2, 5, 20, 100, 300, rng.randint(0, 6000)])
    alphabet = rng.choice(ALPHABETS)
    return "".join(rng.choice(alphabet) for _ in range(length))


def header_garbage(rng: random.Random) -> str:
    """Header values must be printable Latin-1 to be sent at all."""
    length = rng.choice([1, 10, 64, 65, 100, 1000, 5000])
    return "".join(chr(rng.randint(0x21, 0x7E)) for _ in range(length))


class Generator:
    """Cases for one server: `codes` are its service codes, `ids` some of its request ids."""

    def __init__(self, rng: random.Random, *, api_key: str, codes: list[str], ids: list[str]):
        self.rng, self.api_key = rng, api_key
        self.codes, self.ids = codes or ["none"], ids or ["1"]

    def value(self, name: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.3 and name in KNOWN_BAD:
            return rng.choice(KNOWN_BAD[name])
        if roll < 0.45:
            return garbage(rng) + "\x00" + garbage(rng)
        if roll < 0.6:
            return self.plausible(name)
        return garbage(rng)

    def plausible(self, name: str) -> str:
        rng = self.rng
        return {
            "service_code": rng.choice(self.codes),
            "service_request_id": ",".join(rng.sample(self.ids, min(3, len(self.ids)))),
            "start_date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "end_date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
            "status": rng.choice(["open", "closed", "open,closed"]),
            "page": str(rng.randint(1, 5)),
            "page_size": str(rng.randint(1, 2000)),
            "extensions": "true",
            "lat": f"{rng.uniform(58, 64):.6f}",
            "long": f"{rng.uniform(60, 86):.6f}",
            "email": f"fuzz{rng.randint(1, 10**6)}@example.org",
        }.get(name, "Яма на дороге" + rng.choice(XML_FORBIDDEN))

    def params(self, names: list[str], k: int) -> list[tuple[str, str]]:
        chosen = self.rng.sample(names, min(k, len(names)))
        params = [(name, self.value(name)) for name in chosen]
        if self.rng.random() < 0.2:  # a parameter nobody expects, maybe with a NUL in its name
            params.append((garbage(self.rng)[:50] or "x", garbage(self.rng)[:50]))
        return params

    def path(self) -> str:
        rng = self.rng
        segment = urllib.parse.quote(garbage(rng)[:300], safe="", errors="surrogatepass")
        path = rng.choice(
            [
                "discovery",
                "services",
                f"services/{rng.choice(self.codes)}",
                f"services/{segment}",
                f"service/{rng.choice(self.codes)}",
                "requests",
                "requests",
                f"requests/{rng.choice(self.ids)}",
                f"requests/{rng.choice(['١٢٣', LONG_DIGITS, '0', segment])}",
                f"tokens/{segment or 't'}",
                "servicerequestupdates",
                f"{segment or 'nothing'}",
            ]
        )
        return urllib.parse.quote(path, safe="/%")  # a request line is ASCII

    def get(self) -> Case:
        fmt, path = self.rng.choice(FORMATS), self.path()
        params = self.params(QUERY_PARAMS + TEXT_PARAMS, self.rng.randint(0, 5))
        while len(encode(params)) > MAX_URL:
            params.pop()
        query = encode(params)
        return Case("GET", f"{PREFIX}{path}.{fmt}" + (f"?{query}" if query else ""))

    def post(self) -> Case:
        """A request for service: mostly well-formed around one or two bad values."""
        rng = self.rng
        fmt = rng.choice(FORMATS)
        params = [(name, self.plausible(name)) for name in ("service_code", "lat", "long")]
        params += [("description", self.plausible("description")), ("api_key", self.api_key)]
        for name, value in self.params(TEXT_PARAMS + QUERY_PARAMS + ["api_key"], rng.randint(1, 3)):
            params = [(n, v) for n, v in params if n != name] + [(name, value)]
        if rng.random() < 0.2:
            params.append((f"attribute[{garbage(rng)[:20]}]", garbage(rng)[:200]))
        headers = {}
        if rng.random() < 0.3:
            headers["Idempotency-Key"] = header_garbage(rng)
        path = rng.choice(["requests"] * 4 + [self.path()])
        body_kind = rng.random()
        if body_kind < 0.15:
            return self.multipart(fmt, path, params, headers)
        if body_kind < 0.2:  # a body nothing can read
            content_type = rng.choice(
                ["multipart/form-data", "multipart/form-data; boundary=", "application/json"]
            )
            body = garbage(rng).encode("utf-8", "surrogatepass")
            return Case("POST", f"{PREFIX}{path}.{fmt}", body, content_type, headers)
        body = encode(params).encode("ascii")
        form = "application/x-www-form-urlencoded"
        return Case("POST", f"{PREFIX}{path}.{fmt}", body, form, headers)

    def multipart(self, fmt: str, path: str, params: list, headers: dict) -> Case:
        boundary = f"fuzz{self.rng.randint(0, 10**9)}"
        parts = []
        for name, value in params:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode(
                    "utf-8", "surrogatepass"
                )
                + value.encode("utf-8", "surrogatepass")
                + b"\r\n"
            )
        media = bytes(self.rng.getrandbits(8) for _ in range(self.rng.choice([0, 16, 2000])))
        head = b"\xff\xd8\xff" if self.rng.random() < 0.5 else b"\x00\x00\x00\x18ftypmp42"
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="media"; '
            f'filename="{garbage(self.rng)[:40]}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode(
                "utf-8", "surrogatepass"
            )
            + head
            + media
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return Case("POST", f"{PREFIX}{path}.{fmt}", body, content_type, headers)

    def known_bad(self) -> Iterator[Case]:
        """Every input of issue 7, once in each format."""
        for fmt in FORMATS:
            requests = f"{PREFIX}requests.{fmt}"
            for name, values in KNOWN_BAD.items():
                for value in values:
                    yield Case("GET", f"{requests}?{encode([(name, value)])}")
            for name in QUERY_PARAMS + TEXT_PARAMS:
                yield Case("GET", f"{requests}?{encode([(name, NUL_VALUE)])}")
            for path in ("requests/١٢٣", f"requests/{LONG_DIGITS}", "tokens/" + "t" * 5000):
                yield Case("GET", f"{PREFIX}{urllib.parse.quote(path)}.{fmt}")
            base = [
                ("api_key", self.api_key),
                ("service_code", self.codes[0]),
                ("lat", "61.25"),
                ("long", "73.39"),
                ("description", "Яма"),
            ]
            for name in ("description", "address_string", "first_name", "email", "service_code"):
                body = encode([*base, (name, "Яма\x00")]).encode()
                yield Case("POST", requests, body, "application/x-www-form-urlencoded")
            for name, value in [("email", KNOWN_BAD["email"][0]), ("lat", "٦١"), ("long", "inf")]:
                body = encode([*base, (name, value)]).encode()
                yield Case("POST", requests, body, "application/x-www-form-urlencoded")
            body = encode([*base, ("description", "Яма" + XML_FORBIDDEN)]).encode()
            form = "application/x-www-form-urlencoded"
            yield Case("POST", requests, body, form, {"Idempotency-Key": "k" * 65})
            yield Case("POST", requests, body, form)  # filed, then listed: the XML must parse
            yield Case("POST", requests, b"x=1", "multipart/form-data")
            many = encode([(f"f{i}", "1") for i in range(1200)])
            yield Case("GET", f"{requests}?{many}")
            yield Case("POST", f"{PREFIX}services.{fmt}", b"x=1", form)

    def cases(self, count: int) -> Iterator[Case]:
        sent = 0
        for case in self.known_bad():
            sent += 1
            yield case
        while sent < count:
            sent += 1
            yield self.get() if self.rng.random() < 0.55 else self.post()
            if sent % 50 == 0:  # the lists, now holding what the fuzzing filed
                yield Case("GET", f"{PREFIX}requests.xml?extensions=true")
                sent += 1


def check(case: Case, answer: Answer, tally: Tally) -> None:
    tally.statuses[answer.status] += 1
    if answer.status >= 500:
        tally.server_errors.append(case)
    if case.fmt == "xml":
        try:
            assert answer.content_type.startswith("text/xml")
            ET.fromstring(answer.body)
        except (AssertionError, ET.ParseError):
            tally.bad_xml.append(case)
    elif case.fmt == "json":
        try:
            assert answer.content_type.startswith("application/json")
            json.loads(answer.body)
        except (AssertionError, ValueError):
            tally.bad_json.append(case)


def fuzz(send: Callable[[Case], Answer], generator: Generator, count: int) -> Tally:
    tally = Tally()
    for case in generator.cases(count):
        check(case, send(case), tally)
    return tally


def _live_sender(base_url: str) -> Callable[[Case], Answer]:
    def send(case: Case) -> Answer:
        headers = dict(case.headers)
        if case.content_type:
            headers["Content-Type"] = case.content_type
        request = urllib.request.Request(
            base_url.rstrip("/") + case.path,
            data=case.body if case.method == "POST" else None,
            headers=headers,
            method=case.method,
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                content_type = response.headers.get("Content-Type", "")
                return Answer(response.status, content_type, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers.get("Content-Type", ""), error.read())
        except (OSError, http.client.HTTPException) as error:  # no answer at all: a failure
            return Answer(NO_ANSWER, "", str(error).encode())

    return send


def _discover(send: Callable[[Case], Answer]) -> tuple[list[str], list[str]]:
    services = json.loads(send(Case("GET", f"{PREFIX}services.json")).body)
    requests = json.loads(send(Case("GET", f"{PREFIX}requests.json")).body)
    return [s["service_code"] for s in services], [r["service_request_id"] for r in requests]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the server, e.g. http://127.0.0.1:8311")
    parser.add_argument("api_key", help="an Open311 key (manage.py create_api_key NAME)")
    parser.add_argument("--count", type=int, default=900, help="requests to send (900)")
    parser.add_argument("--seed", type=int, default=311, help="random seed (311)")
    options = parser.parse_args()
    send = _live_sender(options.url)
    codes, ids = _discover(send)
    rng = random.Random(options.seed)
    generator = Generator(rng, api_key=options.api_key, codes=codes, ids=ids)
    tally = fuzz(send, generator, options.count)
    print(tally.report())
    return 0 if tally.ok else 1


if __name__ == "__main__":
    sys.exit(main())
