"""A minimal OpenID Connect client: Authorization Code flow with PKCE, state and nonce.

Off unless `OIDC_ISSUER` is set. Every HTTP call goes through `http_json`, so tests replace that
one function with a fake provider. The ID token's signature is checked against the provider's JWKS
(PyJWT); its issuer, audience, expiry and nonce are checked as well.
"""

import base64
import hashlib
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import jwt
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

# Asymmetric algorithms only: a symmetric or "none" token could be forged with public data.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"]
METADATA_CACHE_SECONDS = 3600
FLOW_LIFETIME_SECONDS = 600
HTTP_TIMEOUT_SECONDS = 10


class OidcError(Exception):
    """A failed sign-in; the message is shown to the user as is."""


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    email_verified: bool
    first_name: str
    last_name: str


def is_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def http_json(url: str, *, data: dict | None = None) -> dict:
    """GET (or POST a form, when `data` is given) and parse a JSON answer. Tests replace this."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise OidcError(_("The identity provider is not answering. Try again later.")) from error


def _cached_json(key: str, url: str, *, refresh: bool = False) -> dict:
    value = None if refresh else cache.get(key)
    if value is None:
        value = http_json(url)
        cache.set(key, value, METADATA_CACHE_SECONDS)
    return value


def provider_metadata() -> dict:
    """The provider's discovery document, cached for an hour."""
    url = f"{issuer()}/.well-known/openid-configuration"
    metadata = _cached_json(f"veche:oidc:metadata:{issuer()}", url)
    required = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if any(not metadata.get(key) for key in required) or metadata["issuer"].rstrip("/") != issuer():
        cache.delete(f"veche:oidc:metadata:{issuer()}")
        raise OidcError(_("The identity provider is misconfigured. Try again later."))
    return metadata


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def begin(*, redirect_uri: str) -> tuple[str, dict]:
    """The provider's authorization URL, and the secrets the session keeps until the callback."""
    metadata = provider_metadata()
    flow = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "started": int(time.time()),
    }
    query = {
        "response_type": "code",
        "client_id": settings.OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": getattr(settings, "OIDC_SCOPES", "openid email profile"),
        "state": flow["state"],
        "nonce": flow["nonce"],
        "code_challenge": _b64url(hashlib.sha256(flow["verifier"].encode("ascii")).digest()),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in metadata["authorization_endpoint"] else "?"
    return metadata["authorization_endpoint"] + separator + urllib.parse.urlencode(query), flow


def finish(*, flow: dict | None, params, redirect_uri: str) -> Identity:
    """Check the provider's answer to `begin` and return the identity it vouches for."""
    if not flow or time.time() - flow.get("started", 0) > FLOW_LIFETIME_SECONDS:
        raise OidcError(_("The sign-in request has expired or was not found. Start again."))
    if params.get("error"):
        raise OidcError(_("The identity provider refused the sign-in. Start again."))
    if not constant_time_compare(params.get("state", ""), flow["state"]):
        raise OidcError(
            _("The identity provider's answer does not match this sign-in request. Start again.")
        )
    if not params.get("code"):
        raise OidcError(_("The identity provider did not return an authorization code."))
    metadata = provider_metadata()
    tokens = http_json(
        metadata["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": params["code"],
            "redirect_uri": redirect_uri,
            "client_id": settings.OIDC_CLIENT_ID,
            "client_secret": settings.OIDC_CLIENT_SECRET,
            "code_verifier": flow["verifier"],
        },
    )
    if not tokens.get("id_token"):
        raise OidcError(_("The identity provider did not return an ID token."))
    claims = validate_id_token(tokens["id_token"], nonce=flow["nonce"], metadata=metadata)
    return _identity(claims)


def _signing_key(token: str, metadata: dict):
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.InvalidTokenError as error:
        raise OidcError(_("The identity provider's answer is damaged.")) from error
    key_cache = f"veche:oidc:jwks:{issuer()}"
    # A key not in the cached set may be a new one after rotation: fetch the set once more.
    for refresh in (False, True):
        try:
            jwks = jwt.PyJWKSet.from_dict(
                _cached_json(key_cache, metadata["jwks_uri"], refresh=refresh)
            )
        except (jwt.PyJWKSetError, jwt.PyJWKError, TypeError) as error:
            raise OidcError(_("The identity provider's signature key is unknown.")) from error
        for key in jwks.keys:
            if kid is None or key.key_id == kid:
                return key.key
    raise OidcError(_("The identity provider's signature key is unknown."))


def validate_id_token(token: str, *, nonce: str, metadata: dict) -> dict:
    """Verified claims of the ID token, or an OidcError that says what was wrong."""
    key = _signing_key(token, metadata)
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=ALGORITHMS,
            audience=settings.OIDC_CLIENT_ID,
            issuer=metadata["issuer"],
            leeway=60,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise OidcError(_("The identity provider's answer has expired. Start again.")) from error
    except jwt.InvalidAudienceError as error:
        raise OidcError(_("The identity provider's answer is meant for another site.")) from error
    except jwt.InvalidIssuerError as error:
        raise OidcError(_("The identity provider's answer comes from another issuer.")) from error
    except jwt.InvalidSignatureError as error:
        raise OidcError(_("The identity provider's signature is not valid.")) from error
    except jwt.InvalidTokenError as error:
        raise OidcError(_("The identity provider's answer is damaged.")) from error
    if not constant_time_compare(str(claims.get("nonce", "")), nonce):
        raise OidcError(
            _("The identity provider's answer does not match this sign-in request. Start again.")
        )
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != settings.OIDC_CLIENT_ID:
        raise OidcError(_("The identity provider's answer is meant for another site."))
    return claims


def _identity(claims: dict) -> Identity:
    given, family = claims.get("given_name", ""), claims.get("family_name", "")
    if not (given and family) and claims.get("name"):
        parts = str(claims["name"]).split()
        # Russian order is "Фамилия Имя Отчество".
        family, given = family or parts[0], given or (parts[1] if len(parts) > 1 else "")
    verified = claims.get("email_verified") in (True, "true")
    return Identity(
        issuer=str(claims["iss"]).rstrip("/"),
        subject=str(claims["sub"]),
        email=str(claims.get("email", "")).strip().lower(),
        email_verified=verified,
        first_name=str(given).strip()[:100],
        last_name=str(family).strip()[:100],
    )
