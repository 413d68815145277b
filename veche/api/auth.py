"""Authentication for the API: app tokens and the portal's own session.

Endpoints are public unless they declare `auth=`. Use `api_auth` for apps, `session_auth` for the
portal's own pages (HTMX), or `token_or_session` for both.
"""

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from .models import ApiToken
from .selectors import api_token_by_key, token_refusal
from .services import api_token_touch

API_KEY_HEADER = "X-Api-Key"


def _token_or_error(request: HttpRequest, key: str) -> ApiToken:
    """The valid token for `key`; a key that was given but does not work is a 401 at once."""
    token = api_token_by_key(key.strip())
    if refusal := token_refusal(token):
        raise AuthenticationError(message=refusal)
    api_token_touch(token=token)
    # The token acts as its user: permissions are that user's.
    request.user = token.user
    return token


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`, or the `X-Api-Key: <key>` header for simple clients."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        header_key = request.headers.get(API_KEY_HEADER)
        if header_key:
            return self.authenticate(request, header_key)
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        return _token_or_error(request, token)


class ApiKeyHeaderAuth(APIKeyHeader):
    """Describes the X-Api-Key header in the OpenAPI schema; ApiTokenAuth also accepts it."""

    param_name = API_KEY_HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiToken | None:
        return _token_or_error(request, key) if key else None


class PortalSessionAuth(SessionAuth):
    """The logged-in portal user; without a session cookie it steps aside (no CSRF error)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)


api_auth = ApiTokenAuth()
api_key_auth = ApiKeyHeaderAuth()
session_auth = PortalSessionAuth()
token_or_session = [api_auth, api_key_auth, session_auth]


def optional_user(request: HttpRequest) -> bool:
    """For public operations that show more to some users: a token acts as its user (a key that
    does not work is still a 401), a session is seen as usual, and anyone else passes. Not an
    auth class, so the schema declares no security for the operation."""
    api_auth(request)
    return True
