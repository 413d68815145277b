"""OpenID Connect: start at the provider, come back to the callback. 404 unless configured."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from veche.core.forms import error_text
from veche.core.http import safe_next

from . import oidc, services

SESSION_KEY = "veche_oidc_flow"


def _redirect_uri() -> str:
    # The address registered at the provider: built from SITE_URL, not from the request's Host.
    return settings.SITE_URL + reverse("verification:oidc_callback")


def _failure(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "verification/oidc_error.html", {"message": message}, status=status)


def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc.is_enabled():
        raise Http404
    if request.user.is_authenticated:
        services.check_can_start(request.user)  # a refusal is the 403 page with its reason
    try:
        url, flow = oidc.begin(redirect_uri=_redirect_uri())
    except oidc.OidcError as error:
        return _failure(request, str(error), status=502)
    flow["user_id"] = request.user.pk if request.user.is_authenticated else None
    flow["next"] = safe_next(request, "")
    request.session[SESSION_KEY] = flow
    return redirect(url)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.is_enabled():
        raise Http404
    # One use only: the flow's secrets leave the session whatever the outcome.
    flow = request.session.pop(SESSION_KEY, None)
    try:
        identity = oidc.finish(flow=flow, params=request.GET, redirect_uri=_redirect_uri())
        if flow.get("user_id") is not None:
            return _link(request, flow, identity)
        if request.user.is_authenticated:
            raise oidc.OidcError(_("You logged in while signing in at the provider. Start again."))
        user = services.oidc_sign_in(identity=identity)
    except oidc.OidcError as error:
        return _failure(request, str(error))
    except (ValidationError, PermissionDenied) as error:
        return _failure(request, error_text(error))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("You have signed in through the identity provider."))
    return redirect(flow.get("next") or settings.LOGIN_REDIRECT_URL)


def _link(request: HttpRequest, flow: dict, identity: oidc.Identity) -> HttpResponse:
    if request.user.pk != flow["user_id"]:
        raise oidc.OidcError(_("The sign-in was started by another user. Start again."))
    services.oidc_link(user=request.user, identity=identity)
    messages.success(request, _("Your identity is confirmed by the identity provider."))
    return redirect(flow.get("next") or "verification:start")
