"""The layers hold: no app imports a higher layer, the apps' imports form no cycle, every app under
veche/ declares its layer (veche/core/layers.py; docs/architecture.md, "Layers").

`scripts/import_graph.py` prints the same graph for a person to read.
"""

from pathlib import Path
from textwrap import dedent

from veche.core import layers


def _report(problems: list[str]) -> str:
    return "\n".join(["", *problems])


def test_every_app_under_veche_declares_its_layer():
    undeclared = layers.undeclared_units()
    assert undeclared == [], f"add these to veche/core/layers.py: {undeclared}"


def test_no_app_imports_a_higher_layer():
    problems = [
        f"{edge.where()}: {why} ({edge.module})"
        for edge in layers.edges()
        if (why := layers.violation(edge))
    ]
    assert problems == [], _report(problems)


def test_the_apps_import_each_other_without_a_cycle():
    found = list(layers.edges())
    graph = layers.app_graph(found)
    problems = []
    for cycle in layers.cycles(graph):
        members = set(cycle)
        inside = [e for e in found if e.source in members and e.target in members]
        problems.append(" <-> ".join(cycle))
        problems += [f"  {e.where()}: {e.source} -> {e.target} ({e.module})" for e in inside]
    assert problems == [], _report(problems)


def test_no_module_imports_itself_through_others():
    loops = layers.cycles(layers.module_graph())
    found = [" <-> ".join(c) for c in loops]
    assert found == [], _report(found)


# --- The checker itself, on a small tree written for the test ---------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    base = tmp_path / layers.PACKAGE
    for name, text in {"__init__.py": "", **files}.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for package in path.relative_to(base).parents:
            (base / package / "__init__.py").touch()
        path.write_text(dedent(text), encoding="utf-8")
    return base


def _violations(base: Path) -> list[str]:
    return [
        f"{edge.where()} {edge.source}->{edge.target}"
        for edge in layers.edges(base)
        if layers.violation(edge)
    ]


def test_an_import_of_a_higher_layer_is_named_with_its_file_and_line(tmp_path):
    base = _tree(
        tmp_path,
        {
            "core/models.py": "import os\n\nfrom veche.staff.models import Role\n",
            "staff/models.py": "from veche.core import models\n",
        },
    )
    assert _violations(base) == ["veche/core/models.py:3 core->staff"]


def test_every_way_of_referring_to_an_app_is_read(tmp_path):
    base = _tree(
        tmp_path,
        {
            "core/a.py": "import veche.reports.models\n",
            "core/b.py": "from veche import reports\n",
            "core/c.py": "def later():\n    from ..reports import selectors\n",
            "core/sub/d.py": "from ...reports.models import Report\n",
            "core/e.py": 'from django.db import models\nx = models.ForeignKey("reports.Report")\n',
            "core/f.py": 'from django.apps import apps\nR = apps.get_model("reports", "Report")\n',
            "core/f2.py": 'import django.db.models as m\nx = m.OneToOneField(to="reports.R")\n',
            "core/g.py": 'path = "veche.reports.api.router"\n',
            "core/h.py": 'import logging\nlog = logging.getLogger("veche.sms")\n',
            "reports/__init__.py": "",
        },
    )
    assert _violations(base) == [
        "veche/core/a.py:1 core->reports",
        "veche/core/b.py:1 core->reports",
        "veche/core/c.py:2 core->reports",
        "veche/core/e.py:2 core->reports",
        "veche/core/f.py:2 core->reports",
        "veche/core/f2.py:2 core->reports",
        "veche/core/g.py:1 core->reports",
        "veche/core/sub/d.py:1 core->reports",
    ]


def test_a_cycle_within_one_layer_is_found_and_an_acyclic_one_allowed(tmp_path):
    base = _tree(
        tmp_path,
        {
            "territory/x.py": "from veche.workdays import y\n",
            "workdays/y.py": "from veche.core import z\n",
            "core/z.py": "",
        },
    )
    assert layers.cycles(layers.app_graph(layers.edges(base))) == []
    (base / "workdays/y.py").write_text("from veche.territory import x\n")
    assert _violations(base) == []
    assert layers.cycles(layers.app_graph(layers.edges(base))) == [["territory", "workdays"]]


def test_an_app_missing_from_the_table_fails_and_absent_apps_are_tolerated(tmp_path):
    base = _tree(tmp_path, {"core/x.py": "", "registry/models.py": "", "tools.py": ""})
    assert layers.undeclared_units(base) == ["registry", "tools"]
    assert "media" in layers.LAYERS and not (base / "media").exists()


def test_the_project_composes_everything_but_no_app_imports_it(tmp_path):
    base = _tree(
        tmp_path,
        {
            "urls.py": "from veche.reports import urls\n",
            "settings/base.py": 'INSTALLED_APPS = ["veche.reports"]\n',
            "reports/urls.py": "from veche.settings.base import INSTALLED_APPS\n",
        },
    )
    assert _violations(base) == ["veche/reports/urls.py:1 reports->settings"]


def test_analytics_reads_domain_apps_only_through_their_selectors(tmp_path):
    base = _tree(
        tmp_path,
        {
            "analytics/views.py": (
                "from veche.reports.selectors import report_list\n"
                "from veche.reports.models import Report\n"
                "from veche.territory.models import Region\n"
            ),
            "reports/selectors.py": "",
            "reports/models.py": "from veche.analytics import views\n",
        },
    )
    assert _violations(base) == [
        "veche/analytics/views.py:2 analytics->reports",
        "veche/reports/models.py:1 reports->analytics",
    ]


def test_a_loop_between_modules_is_found_even_through_a_function_level_import(tmp_path):
    base = _tree(
        tmp_path,
        {
            "api/services.py": "def revoke():\n    from .selectors import forget\n",
            "api/selectors.py": "from .services import revoke\n",
        },
    )
    assert layers.cycles(layers.module_graph(base)) == [
        ["veche.api.selectors", "veche.api.services"]
    ]
