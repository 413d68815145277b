"""Points' pages: the catalogue of rewards (and how points are earned), a resident's points and
orders, the order itself (a POST form, no JavaScript), and the rewards desk's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import error_text

from . import selectors, services
from .forms import CancelForm
from .models import Order, Reward, Rule
from .services import referrals
from .throttle import desk_slot, order_slot

TOO_MANY = _("Too many orders in a short time. Try again later.")


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    context = {
        "rewards": selectors.catalogue(),
        "rules": selectors.active_rules(),
        "balance": selectors.balance(request.user),
        "may_order": request.user.has_perm("points.order_reward"),
    }
    return render(request, "points/catalogue.html", context)


@login_required
@require_POST
def reward_order(request: HttpRequest, pk: int) -> HttpResponse:
    reward = get_object_or_404(Reward, pk=pk)
    try:
        with order_slot(request.user):
            order = services.order_place(user=request.user, reward=reward)
    except ratelimit.Limited:
        messages.error(request, str(TOO_MANY))
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    else:
        messages.success(
            request,
            _("Order № %(number)s is placed: collect «%(title)s» at the rewards desk.")
            % {"number": order.pk, "title": reward.title},
        )
        return redirect("points:mine")
    return redirect("points:catalogue")


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    context = {
        "balance": selectors.balance(request.user),
        "history": selectors.points_history(request.user, limit=50),
        "orders": selectors.my_orders(request.user)[:50],
    }
    return render(request, "points/mine.html", context)


@login_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("points.view_desk"):
        raise PermissionDenied(_("Only the rewards desk sees the orders."))
    page = Paginator(selectors.desk_queue(), 50).get_page(request.GET.get("page"))
    return render(request, "points/desk.html", {"page": page, "cancel_form": CancelForm()})


@login_required
@require_POST
def order_fulfil(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order, pk=pk)
    return _decide(
        request,
        lambda: services.order_fulfil(actor=request.user, order=order),
        _("Order № %(number)s is handed over.") % {"number": order.pk},
    )


@login_required
@require_POST
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order, pk=pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
        return redirect("points:desk")
    note = form.cleaned_data["note"]
    return _decide(
        request,
        lambda: services.order_cancel(actor=request.user, order=order, note=note),
        _("Order № %(number)s is cancelled; the points are returned.") % {"number": order.pk},
    )


def _decide(request: HttpRequest, call, done: str) -> HttpResponse:
    try:
        with desk_slot(request.user):
            call()
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    else:
        messages.success(request, done)
    return redirect("points:desk")


# --- Referrals (docs/points.md, "Referrals") ---


@require_GET
def invite_follow(request: HttpRequest, code: str) -> HttpResponse:
    """A referral link: remember it for the registration that follows, then go and register."""
    if not request.user.is_authenticated and referrals.inviter_of(code) is not None:
        request.session[referrals.SESSION_KEY] = code
    return redirect("accounts:register")


@login_required
@require_GET
def invite(request: HttpRequest) -> HttpResponse:
    invitation = referrals.invitation_for(request.user)
    context = {
        "link": request.build_absolute_uri(reverse("points:invite_follow", args=[invitation.code])),
        "counts": selectors.my_referrals(request.user),
        "least": referrals.ambassador_from(),
        "rule": Rule.objects.filter(action="referral", active=True).first(),
    }
    return render(request, "points/invite.html", context)


@require_GET
def ambassador_list(request: HttpRequest) -> HttpResponse:
    least = referrals.ambassador_from()
    page = Paginator(selectors.ambassadors(least=least), 50).get_page(request.GET.get("page"))
    return render(request, "points/ambassadors.html", {"page": page, "least": least})
