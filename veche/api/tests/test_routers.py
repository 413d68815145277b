"""Domain apps plug their routers into /api/v1 through the registry (veche/api/routers.py)."""

import pytest

from veche.api import routers
from veche.api.api import api


@pytest.mark.django_db  # the schema lists the rejection reasons in use
def test_the_reports_router_is_mounted_from_its_registration():
    assert routers._routers["/reports"] == "veche.reports.api.router"
    paths = api.get_openapi_schema()["paths"]
    assert any(path.startswith("/api/v1/reports/") for path in paths)


def test_a_router_registered_after_the_api_is_built_is_refused():
    with pytest.raises(RuntimeError, match="after the API was built"):
        routers.register_router("/registry", "veche.registry.api.router")
    assert "/registry" not in routers._routers


def test_two_routers_may_not_claim_one_prefix(monkeypatch):
    monkeypatch.setattr(routers, "_routers", {"/reports": "veche.reports.api.router"})
    monkeypatch.setattr(routers, "_mounted", False)
    with pytest.raises(RuntimeError, match="claim"):
        routers.register_router("/reports", "veche.ideas.api.router")


@pytest.mark.django_db  # the schema lists the rejection reasons in use
def test_no_two_schemas_share_a_name():
    """The OpenAPI schema keys its components by class name: a second `ReportOut` (the
    discussions' report) silently replaced the reports' one, and every report in the schema
    claimed the fields of a discussion's report."""
    from collections import defaultdict

    from ninja import Schema

    api.get_openapi_schema()  # every router is mounted and its schemas imported

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    modules = defaultdict(set)
    for schema in subclasses(Schema):
        if schema.__module__.startswith("veche."):
            modules[schema.__name__].add(schema.__module__)
    assert {name: found for name, found in modules.items() if len(found) > 1} == {}
