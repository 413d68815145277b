"""/api/v1/health answers for load balancers, with a database check."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_ok_when_the_database_answers(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_503_when_the_database_is_down(client):
    with mock.patch(
        "veche.api.api.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
