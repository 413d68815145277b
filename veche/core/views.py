from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .cookies import delete_preference_cookie, set_preference_cookie
from .middleware import ACCESSIBILITY_COOKIE


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@require_POST
def toggle_low_vision(request: HttpRequest) -> HttpResponse:
    """Switch the version for the visually impaired on or off; the cookie keeps it for a year."""
    response = redirect(_safe_next(request))
    if request.POST.get("enable") == "1":
        set_preference_cookie(response, ACCESSIBILITY_COOKIE, "1")
    else:
        delete_preference_cookie(response, ACCESSIBILITY_COOKIE)
    return response
