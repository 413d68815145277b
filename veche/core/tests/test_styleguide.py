"""The pattern page: staff or DEBUG only (404 otherwise), and it renders every component."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

COMPONENTS = [
    'class="breadcrumbs"',
    'class="badge badge-success"',
    'class="alert alert-error"',
    'class="card"',
    'class="tabs"',
    'class="stages"',
    'class="bar-chart"',
    'class="pagination"',
    'class="empty-state"',
    "<table>",
    'class="field',
    "site-menu",
    "site-footer",
]


def _user(*, is_staff: bool):
    return get_user_model().objects.create_user(
        email=f"u{int(is_staff)}@example.org", password="x", is_staff=is_staff
    )


def test_hidden_from_guests_and_residents(client):
    assert client.get("/styleguide/").status_code == 404
    client.force_login(_user(is_staff=False))
    assert client.get("/styleguide/").status_code == 404


def test_shown_to_staff_with_every_component(client):
    client.force_login(_user(is_staff=True))
    response = client.get("/styleguide/?page=7")
    assert response.status_code == 200
    html = response.content.decode()
    for marker in COMPONENTS:
        assert marker in html, marker
    assert "402\u00a0000" in html  # numbers through |number


def test_shown_to_anyone_in_debug(client, settings):
    settings.DEBUG = True
    assert client.get("/styleguide/").status_code == 200
