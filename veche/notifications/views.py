"""Pages of the notifications app: the in-app list, subscriptions, preferences, unsubscribe.

Each view asks one named permission (rules.py), then reads or calls one service. Every form posts
and redirects, so the pages work without JavaScript; HTMX only swaps a single item in place.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from veche.core.forms import service_errors
from veche.core.http import safe_next

from . import selectors, services, webpush
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


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notice's link: the notice is read once opened. The link stays on this site (a
    stored link to elsewhere leads to the list instead)."""
    notification = get_object_or_404(Notification, pk=pk, user_id=request.user.pk)
    _require(request, "notifications.change_notification", notification)
    services.notification_mark_read(user=request.user, notification=notification)
    link = notification.link
    if not url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(link)


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
    push = webpush.webpush_configured()
    current = selectors.preference_for(request.user)
    initial = {
        name: getattr(current, name)
        for name in ("email_enabled", "digest_enabled", "language", "sms_enabled", "push_enabled")
    }
    data = request.POST if request.method == "POST" else None  # unticked boxes post nothing
    form = PreferenceForm(data, initial=initial, digest=digest, push=push)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            services.preferences_update(
                user=request.user,
                email_enabled=form.cleaned_data["email_enabled"],
                digest_enabled=form.cleaned_data.get("digest_enabled", current.digest_enabled),
                language=form.cleaned_data["language"],
                sms_enabled=form.cleaned_data["sms_enabled"],
                push_enabled=form.cleaned_data.get("push_enabled", current.push_enabled),
            )
        if not form.errors:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    context = {"form": form, "vapid_public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY if push else ""}
    return render(request, "notifications/preferences.html", context)


@require_POST
@login_required
def push_subscribe(request: HttpRequest) -> HttpResponse:
    """The browser's subscription (PushSubscription.toJSON(), posted by push.js)."""
    try:
        data = json.loads(request.body)
        keys = data.get("keys") or {}
        webpush.push_subscription_save(
            user=request.user,
            endpoint=str(data.get("endpoint", "")),
            p256dh=str(keys.get("p256dh", "")),
            auth=str(keys.get("auth", "")),
        )
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("The browser sent an invalid subscription.")}, status=400)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"subscribed": True}, status=201)


@require_POST
@login_required
def push_unsubscribe(request: HttpRequest) -> HttpResponse:
    try:
        endpoint = str(json.loads(request.body).get("endpoint", ""))
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("The browser sent an invalid subscription.")}, status=400)
    removed = webpush.push_subscription_remove(user=request.user, endpoint=endpoint)
    return JsonResponse({"removed": removed})


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker that shows pushed notices; served from a fixed address (not a hashed
    static name) so that a new release updates it instead of registering a second one."""
    response = render(request, "notifications/sw.js", content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


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
