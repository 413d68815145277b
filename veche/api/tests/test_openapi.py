"""The schema at /api/v1/openapi.json and the Swagger UI at /api/v1/docs (no CDN, no inline JS)."""

import re

import pytest


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_lists_health_and_me(schema):
    assert schema["info"]["title"] == "Veche API"
    assert "get" in schema["paths"]["/api/v1/health"]
    me = schema["paths"]["/api/v1/me"]["get"]
    assert {"ApiTokenAuth": []} in me["security"]
    assert {"ApiKeyHeaderAuth": []} in me["security"]
    assert "security" not in schema["paths"]["/api/v1/health"]["get"]


def test_schema_describes_the_security_schemes(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["ApiKeyHeaderAuth"] == {"type": "apiKey", "in": "header", "name": "X-Api-Key"}


def test_docs_page_uses_bundled_swagger_ui_and_no_inline_script(client, db):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert '<html lang="ru">' in html and "<title>Veche API · документация</title>" in html
    for attributes in re.findall(r"<script([^>]*)>", html):
        # Only external files, or JSON data (which CSP does not execute).
        assert 'src="' in attributes or 'type="application/json"' in attributes
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
