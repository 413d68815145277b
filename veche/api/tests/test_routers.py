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
        routers.register_router("/budgeting", "veche.budgeting.api.router")
    assert "/budgeting" not in routers._routers


def test_two_routers_may_not_claim_one_prefix(monkeypatch):
    monkeypatch.setattr(routers, "_routers", {"/reports": "veche.reports.api.router"})
    monkeypatch.setattr(routers, "_mounted", False)
    with pytest.raises(RuntimeError, match="claim"):
        routers.register_router("/reports", "veche.ideas.api.router")
