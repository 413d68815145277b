"""The layers of Veche's apps and the app graph read from the source (docs/architecture.md).

An app may import an app of its own layer or of a lower one, never a higher one, and the apps'
imports form no cycle. `veche/core/tests/test_layers.py` enforces this on every commit and
`scripts/import_graph.py` prints the graph. Every package under `veche/` must appear here (or in
`PROJECT`), so a new module declares its layer before its first import.

This module reads files only (stdlib `ast`); it imports nothing of Django or of the apps.
"""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Platform apps, lowest first.
PLATFORM = {
    "core": 0,
    "territory": 1,
    "workdays": 1,
    "agencies": 2,
    "accounts": 2,
    "staff": 3,
    "media": 3,
    "events": 3,
    "verification": 4,
    "notifications": 4,
    "api": 5,
    "moderation": 5,
    "supports": 5,
    # Voting points and their operators, the paper-ballot channel polls, budgeting and object
    # votes share.
    "voting": 5,
    # The site-wide search index and the registry each domain app's searchable kind joins.
    "search": 5,
    # The chatbot: answers from the knowledge, statuses and filing that domain apps register.
    "chatbot": 6,
    # Shared participation parts every module uses (comments on any content kind).
    "comments": 6,
    # The double-entry ledger points and virtual capital live in (accounts owned generically).
    "ledger": 5,
}
# Domain apps, above the platform. Domain apps depend on each other in one direction only: a
# later one (ideas, infrastructure) takes a higher number than the ones it refers to.
DOMAIN = {
    "reports": 10,
    # Polls and surveys: needs nothing from reports or ideas.
    "polls": 12,
    # Public discussions of drafts: needs nothing from reports, polls or ideas.
    "discussions": 13,
    # Above reports: a moderator turns a report into an idea through reports' services.
    "ideas": 20,
    # The infrastructure programme's registry: above reports (a report may be about an object,
    # a kind this app registers with reports); reports never import it.
    "infrastructure": 21,
    # Initiative budgeting: above ideas (an initiative group publishes its idea through ideas).
    "budgeting": 25,
    # The registry of realized projects: above budgeting (a winning application moves to
    # implementation here); budgeting never imports it.
    "realized": 26,
    # Points and rewards: reads every domain app's events from the log, imports none of them.
    "points": 30,
    # The registries (NGOs, activists, community projects), virtual capital and the grants
    # contest: above budgeting (a grant application is a budgeting application).
    "community": 31,
    # The children's activities catalogue: needs no other domain app.
    "activities": 14,
    # The direct line (questions before a live event): needs no other domain app.
    "directline": 15,
    # News, pages, materials, the knowledge base and the events calendar: needs no other domain
    # app (docs/content.md).
    "content": 14,
}
# Adapters translate a foreign protocol into a domain app's services.
ADAPTERS = {
    "open311": 11,
}
# Analytics reads every domain app's selectors; nothing imports it.
TOP = {
    "analytics": 100,
    # The ClickHouse export of the event log (docs/warehouse.md).
    "warehouse": 101,
    # The open-data catalogue (docs/opendata.md).
    "opendata": 102,
}
LAYERS: dict[str, int] = {**PLATFORM, **DOMAIN, **ADAPTERS, **TOP}

# The only modules of a domain or adapter app that a `TOP` app may import (platform apps: any).
TOP_READS = ("selectors",)

# The project's composition root: settings, URLs, WSGI, test plumbing. It may import every app;
# no app imports it (apps read `django.conf.settings`).
PROJECT = {"__init__", "settings", "urls", "wsgi", "conftest", "testing"}

PACKAGE = "veche"
_DOTTED = re.compile(rf"^{PACKAGE}(\.\w+)+$")
_RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Edge:
    """One reference from a module of app `source` to app `target` (`module` is dotted)."""

    source: str
    target: str
    module: str
    path: str
    line: int

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def root() -> Path:
    return Path(__file__).resolve().parent.parent


def source_files(base: Path | None = None) -> Iterator[Path]:
    """Every .py file under veche/ except tests and migrations."""
    base = base or root()
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(base).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if path.name.startswith("test_"):
            continue
        yield path


def unit_of(path: Path, base: Path | None = None) -> str:
    """The app (or project part) a file belongs to: its first directory under veche/."""
    parts = path.relative_to(base or root()).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def units(base: Path | None = None) -> set[str]:
    """Every package and module directly under veche/ (apps and project parts)."""
    base = base or root()
    return {p.parent.name for p in base.glob("*/__init__.py")} | {p.stem for p in base.glob("*.py")}


def _module_name(path: Path, base: Path) -> list[str]:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return [PACKAGE, *parts]


def _absolute(node: ast.ImportFrom, path: Path, base: Path) -> str:
    """The dotted module a `from … import` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = _module_name(path, base)
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def _referenced_modules(tree: ast.AST, path: Path, base: Path) -> Iterator[tuple[str, int]]:
    """Dotted module names the file refers to: imports at any depth, `from veche import x`,
    dotted strings (`import_string`, `include`), model relations ("app.Model") and
    `apps.get_model("app", …)`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, path, base)
            yield module, node.lineno
            if module == PACKAGE:
                for alias in node.names:
                    yield f"{PACKAGE}.{alias.name}", node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _DOTTED.match(node.value):
                yield node.value, node.lineno
        elif isinstance(node, ast.Call):
            yield from _string_app_references(node)


def _string_app_references(call: ast.Call) -> Iterator[tuple[str, int]]:
    name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    first = call.args[0] if call.args else keywords.get("to", keywords.get("app_label"))
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return
    if name in _RELATIONS and "." in first.value:
        yield f"{PACKAGE}.{first.value.split('.')[0]}", call.lineno
    elif name == "get_model":
        yield f"{PACKAGE}.{first.value.split('.')[0]}", call.lineno


def edges(base: Path | None = None) -> list[Edge]:
    """Every reference from one unit under veche/ to another."""
    base = base or root()
    known = units(base) | PROJECT | set(LAYERS)
    found = []
    for path in source_files(base):
        source = unit_of(path, base)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for module, line in _referenced_modules(tree, path, base):
            parts = module.split(".")
            # Dotted names that name no app (a logger such as "veche.sms") are not references.
            if parts[0] != PACKAGE or len(parts) < 2 or parts[1] == source or parts[1] not in known:
                continue
            relative = str(path.relative_to(base.parent))
            found.append(Edge(source, parts[1], module, relative, line))
    return found


def app_graph(found: list[Edge]) -> dict[str, set[str]]:
    """App → the apps it refers to (project parts left out: they compose, nothing imports them)."""
    graph: dict[str, set[str]] = {}
    for edge in found:
        if edge.source in PROJECT:
            continue
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected components of more than one app (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def violation(edge: Edge) -> str | None:
    """Why this reference breaks the layers, or None when it is allowed."""
    source, target = edge.source, edge.target
    if source in PROJECT:
        return None
    if target in PROJECT:
        return f"{source} imports the project part {target!r}"
    if source not in LAYERS or target not in LAYERS:
        return None  # reported once per unit by undeclared_units()
    if LAYERS[target] > LAYERS[source]:
        return (
            f"{source} (layer {LAYERS[source]}) imports {target} (layer {LAYERS[target]}), "
            "a higher layer"
        )
    if source in TOP and target not in PLATFORM:
        reads = {f"{PACKAGE}.{target}.{name}" for name in TOP_READS}
        if not any(edge.module == r or edge.module.startswith(r + ".") for r in reads):
            return f"{source} may read {target} only through its selectors, not {edge.module}"
    return None


def undeclared_units(base: Path | None = None) -> list[str]:
    """Packages and modules directly under veche/ that declare no layer."""
    return sorted(units(base) - set(LAYERS) - PROJECT)


def module_graph(base: Path | None = None) -> dict[str, set[str]]:
    """Module → the veche modules it imports, at any depth: a cycle here is an import loop, even
    when a function-level import keeps it from failing at load time."""
    base = base or root()
    files = {".".join(_module_name(p, base)): p for p in source_files(base)}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = _absolute(node, path, base)
                targets = [
                    f"{module}.{alias.name}" if f"{module}.{alias.name}" in files else module
                    for alias in node.names
                ]
            else:
                continue
            graph[name].update(t for t in targets if t in files and t != name)
    return graph
