"""Browser tests: Playwright (Python) drives Debian's chromium; axe-core (npm) checks each page.

Fixtures (mark the test ``@pytest.mark.browser``; pages run against pytest-django's
``live_server``, which gives the test a transactional database):

    def test_home(page, live_server, axe_check):
        page.goto(live_server.url + "/")
        axe_check(page)                      # 0 axe-core violations of any impact

- ``browser``: one headless chromium for the session. Skipped when /usr/bin/chromium or
  node_modules/axe-core/axe.min.js is missing, unless VECHE_REQUIRE_BROWSER=1 (CI), which fails.
- ``page``: a fresh context (own cookies) per test, JavaScript on. Every page fails its test at
  teardown if the browser reported a Content-Security-Policy violation or a page error; they are
  listed in ``new_page.problems`` (Django admin forms load jQuery, whose feature probes trip
  style-src: a test of an admin form may clear ``new_page.problems.csp`` after checking it).
- ``no_js_page``: the same with JavaScript disabled (the portal must work without it).
- ``new_page(javascript=True, low_vision=False, language=None, **context_options)``: more pages,
  e.g. a second visitor, the version for the visually impaired (True: its default settings, or a
  ``veche.core.low_vision.LowVision``), English, or a phone viewport
  (``viewport={"width": 375, "height": 812}``).
- ``axe_check(page)``: runs axe-core on the page as it is now and fails listing every violation.
- ``zoom_through_clusters(page, "#reports-map")``: presses Enter on a server cluster until the
  map draws none, each time waiting for the feed of the new view (territory/boundaries.js).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from veche.core.low_vision import ACCESSIBILITY_COOKIE, LowVision

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("VECHE_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags for a quiet, offline, container-friendly headless chromium (no downloads, no sync).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every rule axe-core knows, including best practices: the portal targets 0 violations of any kind.
AXE_OPTIONS = {"resultTypes": ["violations"]}
# Pages opened with JavaScript off: axe-core cannot run in them (evaluate would hang).
_NO_JS_PAGES: weakref.WeakSet = weakref.WeakSet()


def _missing_requirements() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_SCRIPT.exists():
        missing.append(f"{AXE_SCRIPT} (npm install)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e .[test])")
    return missing


def _unavailable(reason: str) -> None:
    if os.environ.get("VECHE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"Browser tests are required here but cannot run: {reason}", pytrace=False)
    pytest.skip(f"Browser tests need {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    missing = _missing_requirements()
    if missing:
        _unavailable(", ".join(missing))
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread (in a greenlet) from
    # start() to stop(), so Django's async-safety check would refuse every ORM call made here
    # meanwhile (SynchronousOnlyOperation), by browser tests and by any test that runs after them
    # in the session. Those calls really are synchronous: the check is off while the browser lives.
    # Test processes only; a deployment never loads this plugin.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # a broken chromium install: same policy as a missing one
        playwright.stop()
        _unavailable(f"a chromium that starts ({error})")
    yield instance
    instance.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class PageProblems:
    """What the browser reported while a test ran; any entry fails the test."""

    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: self._on_console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def report(self) -> str:
        lines = [f"Content-Security-Policy violation: {text}" for text in self.csp]
        lines += [f"JavaScript error: {text}" for text in self.errors]
        return "\n".join(lines)

    def _on_console(self, page, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp.append(f"{page.url}: {message.text}")


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    contexts = []
    problems = PageProblems()

    def make(
        *,
        javascript: bool = True,
        low_vision: bool | LowVision = False,
        language: str | None = None,
        **options,
    ):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, **options
        )
        contexts.append(context)
        cookies = []
        if low_vision:
            settings_ = LowVision() if low_vision is True else low_vision
            value = settings_.to_cookie()
            cookies.append({"name": ACCESSIBILITY_COOKIE, "value": value, "url": live_server.url})
        if language:
            cookie = settings.LANGUAGE_COOKIE_NAME
            cookies.append({"name": cookie, "value": language, "url": live_server.url})
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems.watch(page)
        if not javascript:
            _NO_JS_PAGES.add(page)
        return page

    make.problems = problems
    yield make
    for context in contexts:
        context.close()
    if problems.csp or problems.errors:
        pytest.fail(problems.report(), pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def no_js_page(new_page):
    return new_page(javascript=False)


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page. Evaluated through the DevTools protocol, so the page's own
    Content-Security-Policy (script-src 'self') does not block it and needs no bypass."""
    if page in _NO_JS_PAGES:
        return _axe_violations_without_javascript(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)["violations"]


def _axe_violations_without_javascript(page) -> list[dict]:
    """A page without JavaScript is its HTML as served: replay that exact document (same URL,
    same cookies) in a twin page that can run axe-core, so even a POST's answer is checked."""
    html = page.content()
    twin_context = page.context.browser.new_context(storage_state=page.context.storage_state())
    try:
        twin = twin_context.new_page()
        twin.route(
            page.url,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        twin.goto(page.url)
        return axe_violations(twin)
    finally:
        twin_context.close()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    # A click that sends a form starts a navigation the click does not wait for: check the
    # page it leads to once it has loaded, not the half that has arrived.
    page.wait_for_load_state()
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
        + format_violations(violations)
    )


@pytest.fixture
def axe_check() -> Callable:
    return assert_no_axe_violations


def zoom_through_clusters(page, map_selector: str, presses: int = 8) -> None:
    """Press Enter on the map's first cluster until none is drawn. Each press waits for the feed
    of the new view to finish (the map's data-loads counts finished loads), never for a fixed
    time: a slow feed would otherwise leave the old clusters on screen to be pressed again."""
    from playwright.sync_api import expect

    area = page.locator(map_selector)
    expect(area).to_have_attribute("aria-busy", "false")
    clusters = page.locator(".marker-cluster")
    for _ in range(presses):
        if clusters.count() == 0:
            return
        loads = area.get_attribute("data-loads")
        clusters.first.focus()
        page.keyboard.press("Enter")
        expect(area).not_to_have_attribute("data-loads", loads)
        expect(area).to_have_attribute("aria-busy", "false")
    raise AssertionError(f"{map_selector} still draws clusters after {presses} presses")
