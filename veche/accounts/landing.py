"""Where a user lands after logging in when the login page was not given a `next` address.

Apps above accounts register landing providers from their `AppConfig.ready()`: a function of the
user that returns a URL name or path, or None when the user is not theirs. The provider with the
lowest `order` that answers wins; nobody answering means the cabinet (LOGIN_REDIRECT_URL).

    register_landing("reports", reports_landing, order=10)   # moderators, officials → workspace
    register_landing("staff", staff_landing, order=50)       # any other staff → dashboard
"""

from collections.abc import Callable
from dataclasses import dataclass

Provider = Callable[[object], str | None]


@dataclass(frozen=True)
class Landing:
    name: str
    provider: Provider
    order: int


_landings: dict[str, Landing] = {}


def register_landing(name: str, provider: Provider, *, order: int = 100) -> None:
    _landings[name] = Landing(name, provider, order)


def landing_for(user) -> str | None:
    """The first registered landing that claims the user, or None."""
    for landing in sorted(_landings.values(), key=lambda item: (item.order, item.name)):
        target = landing.provider(user)
        if target:
            return target
    return None
