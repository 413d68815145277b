"""The one moderation page across kinds: tabs per kind with counts, each item a card with an
approve button and a reject form; the queues kept elsewhere (reports) as counts with links.

Every action goes through its source (registry.py), whose service checks the rule, writes, and
records the event and the staff audit row; this page only parses, calls, and redirects back
with a message (post/redirect/get, no JavaScript needed).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import ratelimit
from veche.core.components import Tab
from veche.core.forms import error_text
from veche.core.http import safe_next

from .forms import RejectForm
from .registry import ModerationSource, counts, external_counts, source, sources

PER_PAGE = 20


def _require_queue(request: HttpRequest) -> None:
    if not request.user.has_perm("moderation.view_queue"):
        raise PermissionDenied(_("The moderation queue is for moderators."))


def _tab_url(kind: str) -> str:
    return "?" + urlencode({"kind": kind})


def _current(asked: str | None, available: list[ModerationSource], numbers: dict[str, int]):
    """The kind asked for; else the first with items waiting; else the first."""
    for candidate in available:
        if candidate.kind == asked:
            return candidate
    return next((s for s in available if numbers.get(s.kind)), available[0] if available else None)


@require_GET
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_queue(request)
    available = sources()
    numbers = counts(request.user)
    current = _current(request.GET.get("kind"), available, numbers)
    tabs = [
        Tab(
            label=item.label,
            url=_tab_url(item.kind),
            count=numbers.get(item.kind, 0),
            current=item is current,
        )
        for item in available
    ]
    context = {
        "tabs": tabs,
        "current": current,
        "external": external_counts(request.user),
        "page": None,
        "cards": [],
    }
    if current is not None:
        # Only what the source returned, and only of its own kind.
        items = [item for item in current.pending(request.user) if item.kind == current.kind]
        page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
        reasons = current.reasons()
        context["page"] = page
        context["count"] = numbers.get(current.kind, 0)
        context["cards"] = [
            (item, RejectForm(reasons=reasons, auto_id=f"reject-{item.id}-%s")) for item in page
        ]
    return render(request, "moderation/queue.html", context)


def _source_or_404(kind: str) -> ModerationSource:
    found = source(kind)
    if found is None:
        raise Http404
    return found


def _back(request: HttpRequest, kind: str) -> HttpResponse:
    return redirect(safe_next(request, reverse("moderation:queue") + _tab_url(kind)))


def _over_limit(request: HttpRequest) -> bool:
    """Count one action of this moderator; True (and a message) when over the limit."""
    rate = ratelimit.Rate.from_setting("RATE_LIMIT_MODERATION")
    try:
        ratelimit.reserve("moderation-action", str(request.user.pk), rate)
    except ratelimit.Limited as limited:
        minutes = ratelimit.minutes_to_wait(limited.retry_after)
        messages.error(
            request,
            _("Too many moderation actions in a row. Try again in %(minutes)s min.")
            % {"minutes": minutes},
        )
        return True
    return False


def _run(request: HttpRequest, call: Callable[[], str | None], done: str) -> None:
    """Call the source; its refusal becomes a message, never an error page."""
    try:
        message = call()
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    except (ObjectDoesNotExist, Http404):
        messages.error(request, _("This item no longer awaits moderation."))
    else:
        messages.success(request, message or done)


def _action(view):
    """A login-only action on one item of a known kind, for whoever may open the queue; a GET (a
    reload, a bookmark) leads back to the queue."""

    @login_required
    def wrapper(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
        found = _source_or_404(kind)
        if request.method != "POST":
            return redirect(reverse("moderation:queue") + _tab_url(kind))
        _require_queue(request)
        if not _over_limit(request):
            view(request, found, item_id)
        return _back(request, kind)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_action
def approve(request: HttpRequest, found: ModerationSource, item_id: int) -> None:
    _run(request, lambda: found.approve(request.user, item_id), _("Approved."))


@_action
def reject(request: HttpRequest, found: ModerationSource, item_id: int) -> None:
    reasons = found.reasons()
    form = RejectForm(request.POST, reasons=reasons)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return
    code, note = form.cleaned_data["reason"], form.cleaned_data["note"]
    label = dict(reasons)[code]
    _run(
        request,
        lambda: found.reject(request.user, item_id, code, note),
        _("Rejected: %(reason)s.") % {"reason": label},
    )


def dashboard_section(user) -> dict | None:
    """The staff dashboard's line for this page (registered in apps.py)."""
    if not user.has_perm("moderation.view_queue"):
        return None
    numbers = counts(user)
    kinds = [(item.label, numbers.get(item.kind, 0), _tab_url(item.kind)) for item in sources()]
    return {"kinds": kinds}
