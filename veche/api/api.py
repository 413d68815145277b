"""The REST API root at /api/v1: lower apps' routers are added here, domain apps register theirs.

Endpoints are public unless they declare `auth=` (see veche/api/auth.py); docs/api.md describes
authentication, errors and versioning.
"""

from django.db import DatabaseError, connection
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Status
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from veche.staff.predicates import role_assignments

from .auth import token_or_session
from .errors import install_error_handlers
from .input import refusing_nul
from .language import in_request_language
from .routers import mount_registered
from .schemas import HealthOut, MeOut, RoleOut, errors


class Utf8JSONRenderer(JSONRenderer):
    # Russian text readable as is (and a third shorter) rather than \u-escaped; still UTF-8 JSON.
    json_dumps_params = {"ensure_ascii": False}


class VecheSwagger(Swagger):
    """Swagger UI in the portal's layout (veche/api/templates/api/swagger.html), set up to pass
    axe-core: no deep links (Swagger UI puts a link inside each operation's toggle button, a
    nested interactive control), no schema section (its low-contrast expand buttons; each
    operation shows its schemas), no validator badge from a third-party site."""

    template = "api/swagger.html"
    accessible_settings = {
        "deepLinking": False,
        "defaultModelsExpandDepth": -1,
        "docExpansion": "list",
        "validatorUrl": None,
    }

    def __init__(self) -> None:
        super().__init__(settings=self.accessible_settings)


class VecheAPI(NinjaAPI):
    def _get_urls(self) -> list:
        # An unknown path under /api/v1/ answers JSON like every other API error, not HTML.
        unknown = csrf_exempt(in_request_language(self._unknown_path))
        return [*super()._get_urls(), path("<path:rest>", unknown)]

    def _unknown_path(self, request, rest: str):
        return self.create_response(request, {"detail": _("Not found.")}, status=404)


api = VecheAPI(
    title="Veche API",
    version="1",
    description="REST API of the Veche open-government portal.",
    urls_namespace="api",
    # Swagger UI from ninja's bundled static files (ninja is in INSTALLED_APPS): no CDN, and
    # no inline script, so it works under our Content-Security-Policy.
    docs=VecheSwagger(),
    renderer=Utf8JSONRenderer(),
)
install_error_handlers(api)
# Before parsing; the first added is the innermost, so the language covers the refusal too.
api.add_decorator(refusing_nul(api), mode="view")
api.add_decorator(in_request_language, mode="view")  # covers auth and validation errors too


@api.get(
    "/health", auth=None, tags=["service"], response={200: HealthOut, 503: HealthOut, **errors(422)}
)
def health(request):
    """Liveness for load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return Status(503, {"status": "error", "database": "error"})
    return Status(200, {"status": "ok", "database": "ok"})


@api.get("/me", auth=token_or_session, tags=["accounts"], response={200: MeOut, **errors(401, 422)})
def me(request):
    """The public profile of the user the request acts as (the token's user or the session's)."""
    user = request.user
    roles = [
        RoleOut(
            role=a.role,
            name=str(a.get_role_display()),
            municipality_id=a.municipality_id,
            agency_id=a.agency_id,
        )
        for a in role_assignments(user)
    ]
    return {
        "id": user.pk,
        "public_name": user.public_name,
        "is_verified": user.is_verified,
        "roles": roles,
    }


api.add_router("/territory", "veche.api.territory.router")
mount_registered(api)  # the domain apps' routers (veche/api/routers.py)
