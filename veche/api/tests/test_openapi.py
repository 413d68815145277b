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
    assert '<html lang="ru">' in html and "<title>Veche API · документация · Вече</title>" in html
    assert "<h1>Veche API" in html and '<main id="main"' in html  # the portal's layout
    for attributes in re.findall(r"<script([^>]*)>", html):
        # Only external files, or JSON data (which CSP does not execute).
        assert 'src="' in attributes or 'type="application/json"' in attributes
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def _content_schema(schema, response):
    ref = response["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_every_operation_declares_its_errors_with_their_bodies(schema):
    for name, operation in _operations(schema):
        responses = operation["responses"]
        assert "422" in responses, name  # a NUL anywhere, a bad value
        if operation.get("security"):
            assert "401" in responses, name
        if "{" in name:
            assert "404" in responses, name
        if name.startswith("POST"):
            assert {"400", "403"} <= set(responses), name
        for status, response in responses.items():
            if status in ("401", "403", "404"):
                assert _content_schema(schema, response)["properties"]["detail"]["type"] == "string"
            if status == "422":
                body = _content_schema(schema, response)
                assert body["properties"]["detail"]["type"] == "array", name


def test_public_operations_declare_no_security(schema):
    detail = schema["paths"]["/api/v1/reports/{report_id}"]["get"]
    assert "security" not in detail
    assert "401" in detail["responses"]  # a key that is sent must still work
    # A person's own data: his account and his points.
    personal = (
        {"GET /api/v1/me"}
        | {f"GET /api/v1/points/{part}" for part in ("balance", "history", "orders")}
        | {"GET /api/v1/community/capital/balance"}
    )
    for name, operation in _operations(schema):
        if name.startswith("GET") and name not in personal:
            assert "security" not in operation, name


def test_the_schema_declares_the_constraints_the_server_enforces(schema):
    components = schema["components"]["schemas"]
    review = components["ReviewIn"]["properties"]
    assert (review["rating"]["minimum"], review["rating"]["maximum"]) == (1, 5)
    answer = components["AnswerIn"]["properties"]
    assert answer["text"]["minLength"] == 1 and "pattern" in answer["text"]
    kind = components[answer["kind"]["$ref"].rsplit("/", 1)[-1]]
    assert set(kind["enum"]) == {"resolved", "scheduled", "refused"}
    filing = schema["paths"]["/api/v1/reports/"]["post"]["requestBody"]["content"]
    fields = filing["multipart/form-data"]["schema"]["properties"]
    assert fields["text"]["maxLength"] == 5000
    assert (fields["lat"]["minimum"], fields["lat"]["maximum"]) == (-90, 90)
    assert (fields["lon"]["minimum"], fields["lon"]["maximum"]) == (-180, 180)
    listing = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/reports/"]["get"]["parameters"]
    }
    assert listing["limit"]["maximum"] == 100 and listing["offset"]["minimum"] == 0
    assert listing["order"]["enum"] == ["new", "support"]


def test_reason_codes_are_an_enum_of_the_reasons_in_use(client, db):
    from veche.reports.tests.factories import RejectionReasonFactory

    RejectionReasonFactory(code="offensive")
    RejectionReasonFactory(code="advertising", is_active=False)
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["RejectIn"]["properties"]["reason"]["enum"] == [
        "offensive"
    ]


def test_the_map_feed_is_documented_as_geojson(schema):
    operation = schema["paths"]["/api/v1/reports/map.geojson"]["get"]
    body = operation["responses"]["200"]["content"]["application/geo+json"]["schema"]
    assert body["properties"]["type"] == {"const": "FeatureCollection"}
    assert "bbox" in {p["name"] for p in operation["parameters"]}


def test_text_patterns_agree_with_the_server_on_every_character():
    """NOT_BLANK is blank exactly where str.strip() leaves nothing; NO_NUL refuses only NUL."""
    from veche.api.schemas import NO_NUL, NOT_BLANK

    no_nul, not_blank = re.compile(NO_NUL), re.compile(NOT_BLANK)
    for code in range(0x10000):
        char = chr(code)
        assert bool(no_nul.match(char)) == (char != "\x00"), hex(code)
        visible = bool(char.strip()) and code > 0x20 and code != 0x7F
        assert bool(not_blank.match(char)) == visible, hex(code)
