"""A moderator's page of suspicious capital (docs/community.md, "Suspicious accounts"): projects
backed only by fresh accounts, with budgeting's vote signals of the same accounts beside them,
and the forms that freeze an account's capital pending verification or lift the freeze."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.budgeting.selectors_voting import account_signals
from veche.core.forms import error_text

from . import selectors, services


def _require_moderator(request) -> None:
    if not request.user.has_perm("community.freeze_capital"):
        raise PermissionDenied(_("Only a moderator sees suspicious accounts."))


@login_required
@require_GET
def suspicious(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    groups = selectors.fresh_single_project_givers()
    users = [a["user"] for group in groups for a in group["accounts"]]
    signals = account_signals(users) if users else {}
    for group in groups:
        for account in group["accounts"]:
            account["vote_signals"] = sorted({s.kind for _c, s in signals.get(account["user"], [])})
    return render(
        request,
        "community/suspicious.html",
        {"groups": groups, "freezes": selectors.active_freezes()},
    )


@login_required
@require_POST
def freeze(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=user_id)
    try:
        if request.POST.get("lift"):
            services.capital_unfreeze(moderator=request.user, user=person)
            messages.success(request, _("The freeze is lifted."))
        else:
            services.capital_freeze(
                moderator=request.user, user=person, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The account's capital is frozen."))
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    return redirect("community:suspicious")
