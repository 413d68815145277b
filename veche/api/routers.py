"""The registry of API routers: an app above `api` (a domain app) registers its router from its
`AppConfig.ready()`, and /api/v1 mounts every registered one when veche/api/api.py is first
imported (by the URLconf, after all apps are ready).

    register_router("/reports", "veche.reports.api.router")

Apps below `api` (territory) are mounted by api.py directly: it may import them.
"""

_routers: dict[str, str] = {}
_mounted = False


def register_router(prefix: str, router: str) -> None:
    """Mount the router (a dotted path to a ninja Router) at /api/v1<prefix>."""
    if _mounted:
        raise RuntimeError(f"The API router {router!r} is registered after the API was built.")
    if _routers.get(prefix, router) != router:
        raise RuntimeError(f"Two API routers claim {prefix!r}: {_routers[prefix]!r}, {router!r}.")
    _routers[prefix] = router


def mount_registered(api) -> None:
    """Add every registered router to the NinjaAPI, in registration (INSTALLED_APPS) order."""
    global _mounted
    for prefix, router in _routers.items():
        api.add_router(prefix, router)
    _mounted = True
