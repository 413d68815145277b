"""Pages of the notifications app: the in-app list, subscriptions, preferences, unsubscribe.

Each view asks one named permission (rules.py), then reads or calls one service. Every form posts
and redirects, so the pages work without JavaScript; HTMX only swaps a single item in place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from veche.core.forms import service_errors
from veche.core.http import safe_next

from . import selectors, services
from .forms import PreferenceForm, SubscriptionForm
from .models import Notification, Subscription
from .tokens import SCOPE_DIGEST, SCOPE_EMAIL, read_unsubscribe_token

PER_PAGE = 20


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    page = Paginator(selectors.notifications_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/list.html", context)


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Only one's own: even a superuser (whom every permission passes) finds no other's here.
    notification = get_object_or_404(Notification, pk=pk, user_id=request.user.pk)
    _require(request, "notifications.change_notification", notification)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/_item.html", {"notification": notification})
    return redirect(safe_next(request, "notifications:list"))


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.add_subscription")
    form = SubscriptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.subscription_add(
                user=request.user,
                municipality=form.cleaned_data["municipality"],
                category_key=form.cleaned_data["category_key"],
                area=form.cleaned_data["area"],
            )
        if not form.errors:
            messages.success(request, _("Subscribed. What is newly published will be sent to you."))
            return redirect("notifications:subscriptions")
    context = {"form": form, "subscriptions": selectors.subscriptions_for(request.user)}
    return render(request, "notifications/subscriptions.html", context)


@require_POST
@login_required
def subscription_delete(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(Subscription, pk=pk)
    _require(request, "notifications.delete_subscription", subscription)
    services.subscription_remove(user=request.user, subscription=subscription)
    messages.success(request, _("The subscription is cancelled."))
    return redirect("notifications:subscriptions")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.change_preference")
    digest = request.user.has_perm("notifications.receive_digest")
    current = selectors.preference_for(request.user)
    initial = {
        "email_enabled": current.email_enabled,
        "digest_enabled": current.digest_enabled,
        "language": current.language,
    }
    data = request.POST if request.method == "POST" else None  # unticked boxes post nothing
    form = PreferenceForm(data, initial=initial, digest=digest)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(
            user=request.user,
            email_enabled=form.cleaned_data["email_enabled"],
            digest_enabled=form.cleaned_data.get("digest_enabled", current.digest_enabled),
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# Mail clients POST here without a CSRF token (RFC 8058 one-click); the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    parsed = read_unsubscribe_token(token)
    user = selectors.user_by_id(parsed.user_id) if parsed else None
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    subscription = None
    if parsed.subscription_id is not None:
        subscription = Subscription.objects.filter(pk=parsed.subscription_id, user=user).first()
    context = {
        "scope": "email"
        if parsed.scope == SCOPE_EMAIL
        else "digest"
        if parsed.scope == SCOPE_DIGEST
        else "subscription",
        "subscription": subscription,
    }
    if request.method == "POST":
        context["changed"] = services.unsubscribe(user=user, scope=parsed.scope)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)
