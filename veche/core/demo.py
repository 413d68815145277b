"""The demo registry: each app registers its demo data from `AppConfig.ready()`, and `seed_demo`
runs them in dependency order (docs/demo.md, docs/architecture.md "Registries").

    register_demo("agencies", demo.seed, after=("territory",))

A seed function must be idempotent (run again, it updates what is there and creates nothing
twice). It may return demo accounts to print: objects with `role_label`, `email` and `password`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class DemoAccount(Protocol):
    role_label: str
    email: str
    password: str


@dataclass(frozen=True)
class Demo:
    app_label: str
    seed: Callable[[], object]
    after: tuple[str, ...]


_registry: dict[str, Demo] = {}


def register_demo(app_label: str, seed: Callable[[], object], *, after: Iterable[str] = ()) -> None:
    """Register the app's demo; `after` names the apps whose demo data it builds on."""
    _registry[app_label] = Demo(app_label, seed, tuple(after))


def demos_in_order() -> list[Demo]:
    """The registered demos, each after the ones it names; otherwise in registration order (the
    order of INSTALLED_APPS, since apps register from `ready()`)."""
    ordered: list[Demo] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(demo: Demo) -> None:
        if demo.app_label in placed:
            return
        if demo.app_label in visiting:
            raise ImproperlyConfigured(f"Demo data of {demo.app_label!r} depends on itself.")
        visiting.add(demo.app_label)
        for label in demo.after:
            if label not in _registry:
                raise ImproperlyConfigured(
                    f"The demo of {demo.app_label!r} runs after {label!r}, which registers none."
                )
            place(_registry[label])
        visiting.discard(demo.app_label)
        placed.add(demo.app_label)
        ordered.append(demo)

    for demo in list(_registry.values()):
        place(demo)
    return ordered


def seed_all() -> list[DemoAccount]:
    """Run every registered demo in order; return the demo accounts they name."""
    accounts: list[DemoAccount] = []
    for demo in demos_in_order():
        _collect(accounts, demo.seed())
    return accounts


def _is_account(item: object) -> bool:
    return all(hasattr(item, name) for name in ("role_label", "email", "password"))


# Configurations: a deployment other than the default demo (a single town, another region) is
# data, loaded by `seed_demo --config <name>`; the app that can load it registers its seed here.
_configurations: dict[str, Demo] = {}


def register_configuration(
    name: str, seed: Callable[[], object], *, after: Iterable[str] = ()
) -> None:
    """Register configuration `name`; `after` names the demos (e.g. the calendar) it needs first."""
    _configurations[name] = Demo(name, seed, tuple(after))


def configuration_names() -> list[str]:
    return sorted(_configurations)


def seed_configuration(name: str) -> list[DemoAccount]:
    """The demos the configuration names, then its own seed, instead of every app's demo."""
    if name not in _configurations:
        known = ", ".join(configuration_names()) or "none"
        raise ImproperlyConfigured(f"There is no configuration {name!r} (known: {known}).")
    configuration = _configurations[name]
    accounts: list[DemoAccount] = []
    for label in configuration.after:
        _collect(accounts, _registry[label].seed())
    _collect(accounts, configuration.seed())
    return accounts


def _collect(accounts: list, result: object) -> None:
    if isinstance(result, list | tuple):
        accounts.extend(item for item in result if _is_account(item))
