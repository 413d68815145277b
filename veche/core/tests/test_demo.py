"""The demo registry: each app's demo runs after the ones it names, and `seed_demo` asks every
installed app (the command itself is tested end to end in veche/staff/tests/test_demo.py)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from veche.core import demo


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' own registrations come back afterwards."""
    monkeypatch.setattr(demo, "_registry", {})
    return demo


def test_a_demo_runs_after_those_it_names_and_otherwise_in_registration_order(registry):
    ran = []
    registry.register_demo("reports", lambda: ran.append("reports"), after=("staff", "agencies"))
    registry.register_demo("territory", lambda: ran.append("territory"))
    registry.register_demo("staff", lambda: ran.append("staff"), after=("agencies",))
    registry.register_demo("agencies", lambda: ran.append("agencies"), after=("territory",))
    registry.seed_all()
    assert ran == ["territory", "agencies", "staff", "reports"]


def test_a_demo_after_an_app_without_one_is_a_configuration_error(registry):
    registry.register_demo("reports", lambda: None, after=("ideas",))
    with pytest.raises(ImproperlyConfigured, match="ideas"):
        registry.demos_in_order()


def test_demos_that_wait_for_each_other_are_a_configuration_error(registry):
    registry.register_demo("a", lambda: None, after=("b",))
    registry.register_demo("b", lambda: None, after=("a",))
    with pytest.raises(ImproperlyConfigured, match="depends on itself"):
        registry.demos_in_order()


def test_seed_all_returns_the_accounts_the_demos_name(registry):
    alice = SimpleNamespace(role_label="Resident", email="a@demo.veche", password="pw")
    registry.register_demo("accounts", lambda: [alice, "not an account"])
    registry.register_demo("territory", lambda: SimpleNamespace(name="region"))
    assert registry.seed_all() == [alice]


def test_every_app_with_demo_data_is_registered_after_what_it_builds_on():
    order = [entry.app_label for entry in demo.demos_in_order()]
    assert {"territory", "workdays", "agencies", "staff", "reports"} <= set(order)
    for earlier, later in [
        ("territory", "agencies"),
        ("agencies", "staff"),
        ("staff", "reports"),
        ("workdays", "reports"),
    ]:
        assert order.index(earlier) < order.index(later)
