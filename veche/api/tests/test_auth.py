"""Token and session authentication against /api/v1/me; 401 bodies in the user's language."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from veche.accounts.tests.factories import UserFactory, VerifiedUserFactory
from veche.api.models import ApiToken
from veche.api.services import api_token_revoke
from veche.staff.models import Role, RoleAssignment

from .conftest import bearer
from .factories import ApiTokenFactory

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def test_bearer_token_acts_as_its_user(client):
    user = VerifiedUserFactory(first_name="Анна", last_name="Петрова")
    RoleAssignment.objects.create(user=user, role=Role.REGIONAL_ADMIN)
    token = ApiTokenFactory(user=user)

    response = client.get(ME, **bearer(token.plain_key))

    with translation.override("ru"):  # the staff app's catalogue names the role
        role_name = str(Role.REGIONAL_ADMIN.label)
    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "public_name": "Анна П.",
        "is_verified": True,
        "roles": [
            {
                "role": "regional_admin",
                "name": role_name,
                "municipality_id": None,
                "agency_id": None,
            }
        ],
    }


def test_the_public_profile_has_no_personal_data(client, token):
    body = client.get(ME, **bearer(token.plain_key)).json()
    assert token.user.email not in str(body) and token.user.phone not in str(body)
    assert token.user.last_name not in str(body)


def test_x_api_key_header_works_too(client, token):
    response = client.get(ME, HTTP_X_API_KEY=token.plain_key)
    assert response.status_code == 200
    assert response.json()["id"] == token.user.pk


def test_use_is_recorded(client, token):
    assert token.last_used_at is None
    client.get(ME, **bearer(token.plain_key))
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_no_credentials_is_401_in_russian(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": "Учётные данные для входа не предоставлены."}
    assert "Учётные данные" in response.content.decode()  # UTF-8 as is, not \u-escaped
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_key_is_401(client, token):
    response = client.get(ME, **bearer(token.plain_key + "x"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Недействительный ключ API."}


def test_a_wrong_x_api_key_is_401(client):
    response = client.get(ME, HTTP_X_API_KEY="vch_nonsense")
    assert response.status_code == 401
    assert response.json() == {"detail": "Недействительный ключ API."}


def test_a_revoked_key_is_401(client, token):
    api_token_revoke(token=token)
    response = client.get(ME, **bearer(token.plain_key))
    assert response.status_code == 401
    assert response.json() == {"detail": "Этот ключ API отозван."}


def test_an_expired_key_is_401(client):
    token = ApiTokenFactory(expires_at=timezone.now() + timedelta(days=1))
    assert client.get(ME, **bearer(token.plain_key)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        response = client.get(ME, **bearer(token.plain_key))
    assert response.status_code == 401
    assert response.json() == {"detail": "Срок действия этого ключа API истёк."}


def test_a_key_of_a_deactivated_user_stops_working(client, token):
    type(token.user).objects.filter(pk=token.user.pk).update(is_active=False)
    response = client.get(ME, **bearer(token.plain_key))
    assert response.status_code == 401


def test_messages_follow_the_requested_language(client, token):
    api_token_revoke(token=token)
    response = client.get(ME, HTTP_ACCEPT_LANGUAGE="en", **bearer(token.plain_key))
    assert response.json() == {"detail": "This API key has been revoked."}


def test_the_portal_session_works_for_its_own_pages(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["id"] == user.pk


def test_a_bad_key_is_refused_even_with_a_session(client, token):
    client.force_login(UserFactory())
    api_token_revoke(token=token)
    assert client.get(ME, **bearer(token.plain_key)).status_code == 401
