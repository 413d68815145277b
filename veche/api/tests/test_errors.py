"""Error shapes: 422 names the field with a message in the user's language; others are
{"detail": "..."}. A small API with the portal's handlers stands in for future endpoints."""

import pytest
from django.http import Http404
from django.utils import translation
from ninja import NinjaAPI, Schema
from ninja.errors import AuthorizationError
from ninja.testing import TestClient

from veche.api.errors import install_error_handlers


class PetitionIn(Schema):
    title: str
    supporters: int


def _client() -> TestClient:
    api = NinjaAPI(urls_namespace="errors-test")
    install_error_handlers(api)

    @api.post("/petitions")
    def create(request, payload: PetitionIn):
        return {"title": payload.title}

    @api.get("/petitions/{pk}")
    def detail(request, pk: int):
        raise Http404("no petition")

    @api.get("/forbidden")
    def forbidden(request):
        raise AuthorizationError()

    return TestClient(api)


@pytest.fixture
def russian():
    with translation.override("ru"):
        yield


def test_422_names_each_field_in_russian(russian):
    response = _client().post("/petitions", json={"supporters": "много"})

    assert response.status_code == 422
    errors = {tuple(e["loc"]): e for e in response.json()["detail"]}
    assert errors[("body", "payload", "title")]["msg"] == "Обязательное поле."
    assert errors[("body", "payload", "title")]["type"] == "missing"
    assert errors[("body", "payload", "supporters")]["msg"] == "Введите целое число."
    assert errors[("body", "payload", "supporters")]["type"] == "int_parsing"


def test_422_in_english_when_asked():
    with translation.override("en"):
        response = _client().post("/petitions", json={"title": "Ямы", "supporters": "x"})
    assert response.json()["detail"][0]["msg"] == "Enter a whole number."


def test_forbidden_default_is_translated(russian):
    response = _client().get("/forbidden")
    assert response.status_code == 403
    assert response.json() == {"detail": "У вас нет прав на это действие."}


def test_a_missing_object_is_json_404_without_internals(russian):
    response = _client().get("/petitions/7")
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}


def test_a_path_parameter_of_the_wrong_type_names_it(russian):
    response = _client().get("/petitions/seven")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "pk"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_api_path_is_json_404(client, method):
    response = getattr(client, method)("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}
