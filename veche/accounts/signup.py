"""What apps above accounts do the moment a registration is made, with the request it came in
(a referral link followed before registering: docs/points.md, "Referrals").

    register_signup_hook("points", points_signup)   # from PointsConfig.ready()

A hook runs after the account is saved, only for a new account (the page looks the same when the
address was taken, and then no hook runs), and may not refuse the registration.
"""

from collections.abc import Callable

SignupHook = Callable[[object, object], None]

_hooks: dict[str, SignupHook] = {}


def register_signup_hook(name: str, hook: SignupHook) -> None:
    _hooks[name] = hook


def run_signup_hooks(request, user) -> None:
    for hook in _hooks.values():
        hook(request, user)
