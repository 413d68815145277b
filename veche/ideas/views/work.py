"""The staff's lists of ideas (what waits for moderation, for a decision, for the agency's
progress) on one page and as the staff dashboard's section; the home page's section of ideas.
Ideas awaiting moderation are published or rejected in the shared moderation queue
(`/moderation/?kind=ideas.idea`, queue.py); these lists link there."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors

SHOWN = 20
LATEST = 6


def _lists(user) -> dict | None:
    """Each list the user may work on, its first items and its count; None when there is none."""
    lists = {
        "pending": selectors.ideas_pending_for(user),
        "deciding": selectors.ideas_awaiting_decision_for(user),
        "agency": selectors.agency_ideas_for(user),
    }
    shown = {}
    for name, ideas in lists.items():
        items = list(ideas[: SHOWN + 1])
        if items or user.has_perm(_PERMS[name]):
            shown[name] = {
                "items": items[:SHOWN],
                "count": ideas.count() if len(items) > SHOWN else len(items),
            }
    return shown or None


_PERMS = {
    "pending": "ideas.view_moderation_queue",
    "deciding": "ideas.view_decisions",
    "agency": "ideas.view_agency_ideas",
}


@require_GET
@login_required
def staff_work(request: HttpRequest) -> HttpResponse:
    lists = _lists(request.user)
    if lists is None:
        raise PermissionDenied(_("These lists are for the staff who work on ideas."))
    return render(request, "ideas/work.html", {"lists": lists})


def dashboard_section(user) -> dict | None:
    """The ideas' part of the staff dashboard: the counts, linking to the lists."""
    if not any(user.has_perm(perm) for perm in _PERMS.values()):
        return None
    return {
        "pending": selectors.ideas_pending_for(user).count(),
        "deciding": selectors.ideas_awaiting_decision_for(user).count(),
        "agency": selectors.agency_ideas_for(user).count(),
        "url": reverse("ideas:work"),
        "user": user,
    }


def home_context(request: HttpRequest) -> dict:
    """Three figures and the newest published ideas with a photo each (three queries)."""
    return {"figures": selectors.figures(), "latest": selectors.latest_published(LATEST)}
