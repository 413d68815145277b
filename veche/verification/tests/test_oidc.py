"""OpenID Connect against a fake provider: a real RSA key, a real signed ID token, fake HTTP."""

import base64
import hashlib
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from veche.accounts.tests.factories import DEMO_PASSWORD, UnconfirmedUserFactory, UserFactory
from veche.verification import oidc
from veche.verification.models import Verification

pytestmark = pytest.mark.django_db
User = get_user_model()

ISSUER = "https://id.example.test"
CLIENT_ID = "veche-portal"
CLIENT_SECRET = "client-secret"  # noqa: S105


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProvider:
    """Answers discovery, JWKS and token requests the way an OpenID provider does."""

    def __init__(self) -> None:
        self.key = new_key()
        self.kid = uuid.uuid4().hex
        self.code = "authorization-code-1"
        self.claims: dict = {}
        self.signing_key = self.key
        self.authorization: dict = {}
        self.token_requests: list[dict] = []

    def metadata(self) -> dict:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "jwks_uri": f"{ISSUER}/jwks",
        }

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "subject-42",
            "iat": now,
            "exp": now + 300,
            "nonce": self.authorization["nonce"],
            "email": "olga@example.org",
            "email_verified": True,
            "given_name": "Ольга",
            "family_name": "Смирнова",
            **self.claims,
        }
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})

    def token(self, data: dict) -> dict:
        self.token_requests.append(data)
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(data["code_verifier"].encode()).digest()
        ).rstrip(b"=")
        assert challenge.decode() == self.authorization["code_challenge"], "PKCE mismatch"
        assert data["code"] == self.code
        assert (data["client_id"], data["client_secret"]) == (CLIENT_ID, CLIENT_SECRET)
        return {"access_token": "at", "token_type": "Bearer", "id_token": self.id_token()}

    def __call__(self, url: str, *, data: dict | None = None) -> dict:
        if url == f"{ISSUER}/.well-known/openid-configuration":
            return self.metadata()
        if url == f"{ISSUER}/jwks":
            return self.jwks()
        if url == f"{ISSUER}/token" and data is not None:
            return self.token(data)
        raise AssertionError(f"unexpected request to {url}")


@pytest.fixture
def provider(settings, monkeypatch):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    cache.clear()
    fake = FakeProvider()
    monkeypatch.setattr(oidc, "http_json", fake)
    yield fake
    cache.clear()


def start_flow(client, provider) -> dict:
    response = client.get(reverse("verification:oidc_start"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/authorize"
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    provider.authorization = query
    return query


def callback(client, provider, **params):
    query = {"code": provider.code, "state": provider.authorization["state"], **params}
    return client.get(reverse("verification:oidc_callback"), query)


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in response.content.decode()


def test_authorization_request_carries_pkce_state_and_nonce(client, provider):
    client.force_login(UserFactory())
    query = start_flow(client, provider)
    assert query["response_type"] == "code"
    assert query["client_id"] == CLIENT_ID
    assert query["code_challenge_method"] == "S256"
    assert "openid" in query["scope"].split()
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    assert query["redirect_uri"].endswith(reverse("verification:oidc_callback"))


def test_logged_in_resident_is_linked_and_verified(client, provider):
    user = UserFactory()
    client.force_login(user)
    start_flow(client, provider)
    response = callback(client, provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("verification:start")
    user.refresh_from_db()
    assert user.verified_at is not None
    assert user.verification_method == "oidc"
    verification = Verification.objects.get(user=user)
    assert (verification.method, verification.status) == ("oidc", "approved")
    assert (verification.oidc_issuer, verification.oidc_subject) == (ISSUER, "subject-42")
    assert provider.token_requests[0]["grant_type"] == "authorization_code"


def test_anonymous_visitor_gets_a_new_verified_resident_account(client, provider):
    start_flow(client, provider)
    response = callback(client, provider)
    assert response.status_code == 302
    user = User.objects.get(email="olga@example.org")
    assert (user.last_name, user.first_name) == ("Смирнова", "Ольга")
    assert user.email_confirmed_at is not None
    assert user.verified_at is not None and user.verification_method == "oidc"
    assert list(PasswordResetForm().get_users("olga@example.org")) == [user]
    assert client.session["_auth_user_id"] == str(user.pk)


def test_anonymous_visitor_with_a_known_email_signs_in_to_that_account(client, provider):
    existing = UserFactory(email="olga@example.org", email_confirmed_at=None)
    start_flow(client, provider)
    callback(client, provider)
    assert client.session["_auth_user_id"] == str(existing.pk)
    assert User.objects.count() == 1
    existing.refresh_from_db()
    assert existing.email_confirmed_at is not None
    assert existing.verification_method == "oidc"


def test_an_unconfirmed_account_made_by_someone_else_loses_its_password(client, provider):
    # Someone registered the address without proving it (pre-hijacking): once the provider proves
    # whose it is, the password that person chose must no longer open the account.
    squatter = UnconfirmedUserFactory(email="olga@example.org")
    squatter_client = client.__class__()
    assert squatter_client.login(username="olga@example.org", password=DEMO_PASSWORD)
    start_flow(client, provider)
    callback(client, provider)
    squatter.refresh_from_db()
    assert client.session["_auth_user_id"] == str(squatter.pk)
    assert not squatter.check_password(DEMO_PASSWORD)
    assert squatter.has_usable_password()  # password reset still reaches him
    assert squatter_client.get(reverse("accounts:cabinet")).status_code == 302


def test_a_confirmed_account_keeps_its_password_after_signing_in(client, provider):
    existing = UserFactory(email="olga@example.org")
    start_flow(client, provider)
    callback(client, provider)
    existing.refresh_from_db()
    assert existing.check_password(DEMO_PASSWORD)


def test_a_linked_identity_signs_in_to_its_account_whatever_the_email(client, provider):
    linked = UserFactory()
    Verification.objects.create(
        user=linked,
        method="oidc",
        status="approved",
        decided_at=linked.date_joined,
        oidc_issuer=ISSUER,
        oidc_subject="subject-42",
    )
    provider.claims = {"email": "changed@example.org"}
    start_flow(client, provider)
    callback(client, provider)
    assert client.session["_auth_user_id"] == str(linked.pk)
    assert not User.objects.filter(email="changed@example.org").exists()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("state", "Ответ провайдера не соответствует этому запросу на вход. Начните заново."),
        ("nonce", "Ответ провайдера не соответствует этому запросу на вход. Начните заново."),
        ("audience", "Ответ провайдера предназначен другому сайту."),
        ("expired", "Срок действия ответа провайдера истёк. Начните заново."),
        ("signature", "Подпись провайдера недействительна."),
        ("issuer", "Ответ провайдера выдан другим издателем."),
    ],
)
def test_tampered_answers_are_refused_and_nothing_is_written(client, provider, tamper, message):
    user = UserFactory()
    client.force_login(user)
    start_flow(client, provider)
    params = {}
    if tamper == "state":
        params["state"] = "forged-state"
    elif tamper == "nonce":
        provider.claims = {"nonce": "forged-nonce"}
    elif tamper == "audience":
        provider.claims = {"aud": "another-client"}
    elif tamper == "expired":
        provider.claims = {"iat": int(time.time()) - 900, "exp": int(time.time()) - 600}
    elif tamper == "signature":
        provider.signing_key = new_key()
    elif tamper == "issuer":
        provider.claims = {"iss": "https://evil.example.test"}
    users_before = User.objects.count()
    assert_refused(callback(client, provider, **params), message)
    user.refresh_from_db()
    assert user.verified_at is None
    assert not Verification.objects.exists()
    assert User.objects.count() == users_before


def test_anonymous_failure_creates_no_account_and_logs_nobody_in(client, provider):
    start_flow(client, provider)
    provider.claims = {"aud": "another-client"}
    assert_refused(callback(client, provider), "Ответ провайдера предназначен другому сайту.")
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session


def test_the_answer_cannot_be_replayed(client, provider):
    user = UserFactory()
    client.force_login(user)
    start_flow(client, provider)
    callback(client, provider)
    assert_refused(
        callback(client, provider),
        "Запрос на вход устарел или не найден. Начните заново.",
    )
    assert Verification.objects.count() == 1


def test_provider_error_is_reported(client, provider):
    client.force_login(UserFactory())
    start_flow(client, provider)
    response = client.get(
        reverse("verification:oidc_callback"),
        {"error": "access_denied", "state": provider.authorization["state"]},
    )
    assert_refused(response, "Провайдер отказал во входе. Начните заново.")


def test_identity_linked_to_another_user_is_refused(client, provider):
    other = UserFactory()
    Verification.objects.create(
        user=other,
        method="oidc",
        status="approved",
        decided_at=other.date_joined,
        oidc_issuer=ISSUER,
        oidc_subject="subject-42",
    )
    user = UserFactory()
    client.force_login(user)
    start_flow(client, provider)
    assert_refused(
        callback(client, provider),
        "Эта учётная запись провайдера уже связана с другим пользователем портала.",
    )
    user.refresh_from_db()
    assert user.verified_at is None


def test_anonymous_without_confirmed_email_from_provider_is_refused(client, provider):
    provider.claims = {"email_verified": False}
    start_flow(client, provider)
    response = callback(client, provider)
    assert_refused(response, "Провайдер не передал подтверждённый адрес электронной почты.")
    assert not User.objects.exists()


def test_user_with_unconfirmed_email_cannot_start_linking(client, provider):
    client.force_login(UnconfirmedUserFactory())
    response = client.get(reverse("verification:oidc_start"))
    assert response.status_code == 403


def test_feature_is_off_without_an_issuer(client, settings):
    settings.OIDC_ISSUER = ""
    client.force_login(UserFactory())
    assert client.get(reverse("verification:oidc_start")).status_code == 404
    assert client.get(reverse("verification:oidc_callback")).status_code == 404
    page = client.get(reverse("verification:start")).content.decode()
    assert reverse("verification:oidc_start") not in page


def test_link_is_shown_when_configured(client, provider):
    client.force_login(UserFactory())
    page = client.get(reverse("verification:start")).content.decode()
    assert reverse("verification:oidc_start") in page


def test_discovery_is_cached(client, provider, monkeypatch):
    calls = []

    def counting(url, *, data=None):
        calls.append(url)
        return provider(url, data=data)

    monkeypatch.setattr(oidc, "http_json", counting)
    oidc.provider_metadata()
    oidc.provider_metadata()
    assert calls == [f"{ISSUER}/.well-known/openid-configuration"]


def test_login_page_include_shows_the_link_only_when_configured(provider, settings):
    html = render_to_string("verification/oidc_link.html", {"next": "/accounts/cabinet/"})
    assert f"{reverse('verification:oidc_start')}?next=/accounts/cabinet/" in html
    assert "соглашаетесь на обработку ваших персональных данных" in html
    settings.OIDC_ISSUER = ""
    assert render_to_string("verification/oidc_link.html").strip() == ""
