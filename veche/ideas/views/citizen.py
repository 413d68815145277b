"""A resident supports an idea or takes the support back (HTMX swaps the block; without
JavaScript the POST redirects back to the idea's page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import refusal_message

from .. import services
from ..models import Idea


def _idea(request: HttpRequest, pk: int) -> Idea:
    idea = Idea.objects.filter(pk=pk).first()
    if idea is None or not request.user.has_perm("ideas.view_idea", idea):
        raise Http404
    return idea


def _answer(request: HttpRequest, idea: Idea, *, supported: bool, message: str, error: str):
    if request.htmx:
        context = {"idea": idea, "supported": supported, "message": message, "error": error}
        return render(request, "ideas/_support.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect("ideas:detail", pk=idea.pk)


@require_POST
@login_required
def support(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk)
    try:
        idea, created = services.idea_support(user=request.user, idea=idea)
    except PermissionDenied as refusal:
        return _answer(request, idea, supported=False, message="", error=refusal_message(refusal))
    message = (
        _("Thank you: your support is counted.") if created else _("You already support this idea.")
    )
    return _answer(request, idea, supported=True, message=message, error="")


@require_POST
@login_required
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk)
    try:
        idea, withdrawn = services.idea_support_withdraw(user=request.user, idea=idea)
    except PermissionDenied as refusal:
        return _answer(request, idea, supported=False, message="", error=refusal_message(refusal))
    message = _("Your support is withdrawn.") if withdrawn else _("You do not support this idea.")
    return _answer(request, idea, supported=False, message=message, error="")
