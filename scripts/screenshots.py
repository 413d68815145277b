"""Screenshots of the portal at 1280 and 390 px, from the demo data, in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]      # default docs/screenshots

Builds a scratch SQLite database (var/screenshots.sqlite3: migrate + seed_demo), serves it on a
free loopback port, logs in as the demo personas (docs/demo.md) and saves <page>-<width>.png:
the home page, the list, the map, a report page, the filing form, the cabinet, the moderation
queue, the agency's inbox and the staff report page; the ideas list, an idea page, the idea
filing form, a campaign and the shared moderation page; the polls, a poll with its ballot, a
closed poll's results, an operator's paper-ballot page and the organizer's polls; a draft under
discussion, the contests, a contest, its ballot, and the registry of realized projects (list and
map); the infrastructure registry, points, a community project, news, events, help, the
region's pages, children's activities, search, open data, analytics and ratings; the objects'
on-time shares and proposals, the community registries, the direct line, the assistant and the
municipalities in open government. The server is
stopped afterwards. With SCREENSHOT_BASE=http://… an already running demo server is used.

    SCREENSHOT_ONLY=objects,news …  shoots only the pages named.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
DATABASE = ROOT / "var" / "screenshots.sqlite3"
WIDTHS = (1280, 390)
PERSONAS = {
    "resident": ("resident@demo.veche", "demo-resident-2026"),
    "moderator": ("moderator@demo.veche", "demo-moderator-2026"),
    "official": ("official@demo.veche", "demo-official-2026"),
    "operator": ("operator@demo.veche", "demo-operator-2026"),
    "organizer": ("municipal-admin@demo.veche", "demo-municipal-admin-2026"),
    "mayor": ("mayor@demo.veche", "demo-mayor-2026"),
    "regional": ("admin@demo.veche", "demo-admin-2026"),
}
# (file name, who, path or a function of the page that finds it)
PAGES = [
    ("home", None, "/"),
    ("list", None, "/reports/"),
    ("map", None, "/reports/map/"),
    (
        "report",
        None,
        lambda page: _first_link(page, "/reports/", "a[href^='/reports/'][href$='/']"),
    ),
    ("filing", "resident", "/reports/new/"),
    ("cabinet", "resident", "/accounts/cabinet/"),
    ("queue", "moderator", "/workspace/reports/moderation/"),
    ("inbox", "official", "/workspace/reports/inbox/?tab=all"),
    (
        "staff-report",
        "official",
        lambda page: _first_link(
            page, "/workspace/reports/inbox/?tab=all", "table a[href^='/workspace/reports/']"
        ),
    ),
    ("ideas", None, "/ideas/?order=discussed"),
    (
        "idea",
        None,
        lambda page: _first_link(page, "/ideas/?order=discussed", "a[href^='/ideas/'][href$='/']"),
    ),
    ("idea-filing", "resident", "/ideas/new/"),
    (
        "campaign",
        None,
        lambda page: _first_link(
            page, "/ideas/campaigns/", "a[href^='/ideas/campaigns/'][href$='/']"
        ),
    ),
    ("moderation", "moderator", "/moderation/"),
    ("polls", None, "/polls/"),
    (
        "poll",
        "resident",
        lambda page: _first_link(page, "/polls/", "a[href^='/polls/'][href$='/']"),
    ),
    (
        "poll-results",
        None,
        lambda page: (
            _first_link(page, "/polls/?phase=closed", "a[href^='/polls/'][href$='/']") + "results/"
        ),
    ),
    (
        "paper-ballot",
        "operator",
        lambda page: _first_link(page, "/polls/", "a[href^='/polls/'][href$='/']") + "paper/",
    ),
    ("poll-editor", "organizer", "/polls/manage/"),
    (
        "discussion",
        "resident",
        lambda page: _first_link(page, "/discussions/", "a[href^='/discussions/'][href$='/']"),
    ),
    ("budgeting", None, "/budgeting/"),
    (
        "contest",
        None,
        lambda page: _first_link(page, "/budgeting/", "a[href^='/budgeting/'][href$='/']"),
    ),
    ("voting", "resident", lambda page: _contest_with(page, "voting/")),
    ("realized", None, "/budgeting/realized/"),
    ("realized-map", None, "/budgeting/realized/map/"),
    ("objects", None, "/objects/"),
    ("objects-map", None, "/objects/map/"),
    (
        "object",
        None,
        lambda page: _first_link(page, "/objects/", "a[href^='/objects/'][href$='/']"),
    ),
    ("points", "resident", "/points/"),
    ("my-points", "resident", "/points/mine/"),
    (
        "community-project",
        "resident",
        lambda page: _first_link(
            page, "/community/projects/", "a[href^='/community/projects/'][href$='/']"
        ),
    ),
    ("news", None, "/news/"),
    ("events", None, "/events/"),
    ("help", None, "/help/"),
    ("about", None, "/about/"),
    ("activities", None, "/activities/"),
    ("search", None, "/search/?q=дорога"),
    ("opendata", None, "/opendata/"),
    ("analytics", None, "/analytics/"),
    ("ratings", None, "/analytics/ratings/"),
    ("analytics-mayor", "mayor", "/analytics/mine/"),
    ("objects-on-time", None, "/objects/on-time/"),
    ("object-proposals", None, "/objects/proposals/"),
    ("community", None, "/community/"),
    ("ngos", None, "/community/ngos/"),
    ("direct-line", None, "/direct-line/"),
    (
        "direct-line-page",
        None,
        lambda page: _first_link(page, "/direct-line/", "main a[href^='/direct-line/'][href$='/']"),
    ),
    ("chat", "resident", "/chat/"),
    ("open-government", None, "/open-government/"),
    ("open-government-editing", "regional", "/content/work/open-government/"),
    ("ideas-map", None, "/ideas/map/"),
    ("invite", "resident", "/points/invite/"),
    ("ambassadors", None, "/points/ambassadors/"),
    (
        "grants",
        None,
        lambda page: _first_link(page, "/community/", "a[href^='/community/grants/'][href$='/']"),
    ),
    (
        "ngo-news-form",
        "moderator",
        lambda page: (
            _first_link(page, "/community/ngos/", "main a[href^='/community/ngos/'][href$='/']")
            + "news/"
        ),
    ),
]


def _first_link(page, listing: str, selector: str) -> str:
    page.goto(BASE + listing)
    for href in page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        if href.rstrip("/").split("/")[-1].isdigit():
            return href
    raise RuntimeError(f"no report link on {listing}")


def _contest_with(page, tail: str) -> str:
    """The first contest whose page links its `tail` page (its ballot: "voting/")."""
    page.goto(BASE + "/budgeting/")
    contests = page.locator("a[href^='/budgeting/'][href$='/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    for href in dict.fromkeys(h for h in contests if h.rstrip("/").split("/")[-1].isdigit()):
        page.goto(BASE + href)
        if page.locator(f"a[href='{href}{tail}']").count():
            return href + tail
    raise RuntimeError(f"no contest links its {tail}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve() -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{DATABASE}", "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    DATABASE.parent.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start")


def _login(page, who: str) -> None:
    email, password = PERSONAS[who]
    page.goto(BASE + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def _shoot(browser, width: int) -> None:
    contexts = {}
    only = set(filter(None, os.environ.get("SCREENSHOT_ONLY", "").split(",")))
    for name, who, where in PAGES:
        if only and name not in only:
            continue
        if who not in contexts:
            contexts[who] = browser.new_context(viewport={"width": width, "height": 900})
            if who:
                _login(contexts[who].new_page(), who)
        page = contexts[who].new_page()
        path = where(page) if callable(where) else where
        page.goto(BASE + path)
        # A full-page picture shows what a reader scrolls to: load the lazy thumbnails too.
        page.evaluate(
            "() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)  # the map's boundaries and markers
        page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
        page.close()
    for context in contexts.values():
        context.close()


def main() -> None:
    global BASE
    OUT.mkdir(parents=True, exist_ok=True)
    # SCREENSHOT_BASE: a demo server already running (nothing is built or stopped then).
    server, BASE = (
        (None, os.environ["SCREENSHOT_BASE"]) if os.environ.get("SCREENSHOT_BASE") else _serve()
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for width in WIDTHS:
                _shoot(browser, width)
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait()
    print(f"screenshots in {OUT}")


BASE = ""

if __name__ == "__main__":
    main()
