from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .cookies import delete_preference_cookie, set_preference_cookie
from .forms import refusal_message
from .home import rendered_sections
from .http import safe_next
from .low_vision import ACCESSIBILITY_COOKIE, LowVision

# Paths whose errors are JSON (`{"detail": ...}`, the API's shape), not a page.
API_PREFIX = "/api/v1/"


def home(request: HttpRequest) -> HttpResponse:
    """The home page: the sections the installed modules register (core/home.py)."""
    return render(request, "core/home.html", {"sections": rendered_sections(request)})


@require_POST
def toggle_low_vision(request: HttpRequest) -> HttpResponse:
    """Switch the version for the visually impaired on or off, or change one of its settings
    (size, scheme, images, spacing: each a button of the panel); the cookie keeps them a year.
    An unknown value is ignored, so a stale or forged form cannot break the page."""
    response = redirect(safe_next(request, "/"))
    if request.POST.get("enable") == "0":
        delete_preference_cookie(response, ACCESSIBILITY_COOKIE)
    else:
        chosen = (request.low_vision or LowVision()).changed(request.POST)
        set_preference_cookie(response, ACCESSIBILITY_COOKIE, chosen.to_cookie())
    return response


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: the refusal's reason in the base layout, in the reader's language."""
    if isinstance(exception, PermissionDenied):
        reason = refusal_message(exception)
    else:
        reason = _("You may not do this.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": reason}, status=403)
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: the page in the base layout; JSON under the API."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token (often an old tab) gets the 403 page
    with what to do, instead of Django's English one."""
    message = _("The form has expired. Go back, reload the page and send the form again.")
    return permission_denied(request, PermissionDenied(message))
