"""The staff page /api-tokens/: regional admins only; the key is shown once."""

import pytest

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.api.models import ApiToken
from veche.api.services import hash_key
from veche.staff.models import Role, RoleAssignment
from veche.territory.tests.factories import MunicipalityFactory

from .conftest import bearer
from .factories import ApiTokenFactory

pytestmark = pytest.mark.django_db
PAGE = "/api-tokens/"


def _municipal_admin():
    user = StaffUserFactory()
    RoleAssignment.objects.create(
        user=user, role=Role.MUNICIPAL_ADMIN, municipality=MunicipalityFactory()
    )
    return user


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "make_user", [UserFactory, _municipal_admin], ids=["resident", "municipal"]
)
def test_others_get_403_and_cannot_create_or_revoke(client, make_user):
    token = ApiTokenFactory()
    client.force_login(make_user())

    assert client.get(PAGE).status_code == 403
    response = client.post(PAGE, {"name": "X", "user_email": token.user.email})
    assert response.status_code == 403
    assert client.post(f"{PAGE}{token.pk}/revoke/").status_code == 403
    assert ApiToken.objects.get().revoked_at is None


def test_regional_admin_sees_the_list_without_keys(client, regional_admin):
    token = ApiTokenFactory(name="Приложение Урая")
    client.force_login(regional_admin)

    response = client.get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Приложение Урая" in html and token.key_prefix in html
    assert token.plain_key not in html and token.key_hash not in html


def test_regional_admin_creates_a_token_and_sees_the_key_once(client, regional_admin):
    user = UserFactory(email="app@example.org")
    client.force_login(regional_admin)

    response = client.post(
        PAGE, {"name": "Приложение Сургута", "user_email": "App@example.org", "expires_days": "90"}
    )

    token = ApiToken.objects.get()
    assert token.user == user and token.created_by == regional_admin
    assert token.expires_at is not None
    html = response.content.decode()
    key = html.split('id="new-key" class="new-key" type="text" readonly value="')[1].split('"')[0]
    assert hash_key(key) == token.key_hash
    assert "no-cache" in response["Cache-Control"]
    assert client.get("/api/v1/me", **bearer(key)).json()["id"] == user.pk
    assert key not in client.get(PAGE).content.decode()


def test_an_unknown_user_is_a_russian_error_and_creates_nothing(client, regional_admin):
    client.force_login(regional_admin)
    response = client.post(PAGE, {"name": "", "user_email": "nobody@example.org"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Пользователя с таким адресом электронной почты нет." in html
    assert "Обязательное поле." in html
    assert 'aria-invalid="true"' in html and 'id="id_user_email_error"' in html
    assert not ApiToken.objects.exists()


def test_a_regional_admin_cannot_create_a_superuser_token(client, regional_admin):
    root = UserFactory(is_superuser=True)
    client.force_login(regional_admin)
    response = client.post(PAGE, {"name": "X", "user_email": root.email})
    assert "Только суперпользователь" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_regional_admin_revokes_a_token(client, regional_admin):
    token = ApiTokenFactory(name="Старое приложение")
    client.force_login(regional_admin)

    response = client.post(f"{PAGE}{token.pk}/revoke/", follow=True)

    assert ApiToken.objects.get().revoked_at is not None
    assert "Токен «Старое приложение» отозван." in response.content.decode()
    assert client.get("/api/v1/me", **bearer(token.plain_key)).status_code == 401


def test_revoke_needs_post(client, regional_admin):
    token = ApiTokenFactory()
    client.force_login(regional_admin)
    assert client.get(f"{PAGE}{token.pk}/revoke/").status_code == 405
    assert ApiToken.objects.get().revoked_at is None
