#!/usr/bin/env python3
"""Print the graph of Veche's apps read from their imports, its cycles and any layer violation.

    python3 scripts/import_graph.py            # apps by layer, each with the apps it imports
    python3 scripts/import_graph.py --modules  # also module-level import cycles inside each app

The layers and the reading of imports live in veche/core/layers.py (stdlib only; no Django needed);
veche/core/tests/test_layers.py fails the suite on what this script reports. Exit status 1 when
there is a cycle, a violation or an app without a layer.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from veche.core import layers  # noqa: E402


def _print_graph(graph: dict[str, set[str]]) -> None:
    def order(app: str) -> tuple[int, str]:
        return layers.LAYERS.get(app, -1), app

    print("apps (layer: app -> imports):")
    for app in sorted(graph, key=order):
        layer = layers.LAYERS.get(app, "?")
        targets = ", ".join(sorted(graph[app], key=order)) or "-"
        print(f"  {layer:>3}: {app} -> {targets}")


def _print_module_cycles() -> bool:
    graph = layers.module_graph()
    module_cycles = layers.cycles(graph)
    print("module cycles:", "none" if not module_cycles else "")
    for cycle in module_cycles:
        print("  " + " <-> ".join(cycle))
    return bool(module_cycles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", action="store_true", help="also module cycles inside apps")
    arguments = parser.parse_args()

    found = layers.edges()
    graph = layers.app_graph(found)
    _print_graph(graph)
    app_cycles = layers.cycles(graph)
    print("cycles:", "none" if not app_cycles else "")
    for cycle in app_cycles:
        print("  " + " <-> ".join(cycle))
    violations = [(edge, why) for edge in found if (why := layers.violation(edge))]
    print("violations:", "none" if not violations else "")
    for edge, why in violations:
        print(f"  {edge.where()}: {why} ({edge.module})")
    undeclared = layers.undeclared_units()
    print("apps without a layer:", ", ".join(undeclared) or "none")
    failed = bool(app_cycles or violations or undeclared)
    if arguments.modules:
        failed = _print_module_cycles() or failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
