"""The staff page for API tokens: list, create (the key is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from veche.core.forms import service_errors

from .forms import ApiTokenCreateForm
from .models import ApiToken
from .selectors import api_token_list
from .services import api_token_create, api_token_revoke

# The service's argument → the form's field, for the errors it finds.
SERVICE_FIELDS = {"user": "user_email", "expires_at": "expires_days"}


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required
@never_cache  # the response that shows a new key must not be cached anywhere
def token_list(request: HttpRequest) -> HttpResponse:
    _require(request, "api.view_apitoken")
    form = ApiTokenCreateForm(request.POST or None)
    new_token, new_key = None, None
    if request.method == "POST":
        _require(request, "api.add_apitoken")
        if form.is_valid():
            with service_errors(form, fields=SERVICE_FIELDS):
                new_token, new_key = api_token_create(
                    user=form.cleaned_data["user_email"],
                    name=form.cleaned_data["name"],
                    created_by=request.user,
                    expires_at=form.expires_at(),
                )
            if not form.errors:
                form = ApiTokenCreateForm()
    context = {"form": form, "tokens": api_token_list(), "new_token": new_token, "new_key": new_key}
    return render(request, "api/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "api.revoke_apitoken")
    token = get_object_or_404(ApiToken, pk=pk)
    api_token_revoke(token=token, revoked_by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
