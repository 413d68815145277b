"""The messengers' webhooks (Telegram: `POST /chat/telegram/<secret>/`; VK's Callback API:
`POST /chat/vk/`) and the cabinet's linking of a messenger: take a one-time code, unlink a
chat."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.ratelimit import Rate

from . import messengers, services
from .models import MessengerLink
from .tasks import send_messenger_reply


def _secret_ok(expected: str, given: str) -> bool:
    return bool(expected) and constant_time_compare(expected, given or "")


@csrf_exempt
@require_POST
def telegram_webhook(request: HttpRequest, secret: str) -> HttpResponse:
    """Telegram posts each update here; the address's secret and Telegram's secret-token header
    must both match (else 404 / 403, nothing done). The update is always answered 200 once
    accepted, so Telegram does not resend it; the reply goes out from the task worker."""
    if not _secret_ok(settings.CHATBOT_TELEGRAM_WEBHOOK_SECRET, secret):
        raise Http404
    header = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not _secret_ok(settings.CHATBOT_TELEGRAM_SECRET_TOKEN, header):
        return JsonResponse({"ok": False}, status=403)
    try:
        incoming = messengers.parse_telegram(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"ok": False}, status=400)
    if incoming is not None:
        _answer(incoming)
    return JsonResponse({"ok": True})


def _answer(incoming: messengers.Incoming) -> None:
    """Counted against RATE_LIMIT_CHATBOT per chat (over it: ignored), answered by `reply`,
    the answer sent from the task worker."""
    try:
        ratelimit.reserve(
            "chatbot",
            f"{incoming.messenger}:{incoming.chat_id}",
            Rate.from_setting("RATE_LIMIT_CHATBOT"),
        )
    except ratelimit.Limited:
        return
    text = messengers.reply(incoming)
    send_messenger_reply.enqueue(messenger=incoming.messenger, chat_id=incoming.chat_id, text=text)


@csrf_exempt
@require_POST
def vk_webhook(request: HttpRequest) -> HttpResponse:
    """VK's Callback API: every event carries the `secret` set in the community's settings
    (404 while CHATBOT_VK_SECRET is unset, 403 when it differs, nothing done); `confirmation`
    is answered with CHATBOT_VK_CONFIRMATION, anything else with «ok» (else VK resends it), a
    private `message_new` answered as in Telegram."""
    if not settings.CHATBOT_VK_SECRET:
        raise Http404
    try:
        event = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("bad request", status=400, content_type="text/plain")
    if not isinstance(event, dict):
        return HttpResponse("bad request", status=400, content_type="text/plain")
    given = event.get("secret")
    if not _secret_ok(settings.CHATBOT_VK_SECRET, given if isinstance(given, str) else ""):
        return HttpResponse("forbidden", status=403, content_type="text/plain")
    if event.get("type") == "confirmation":
        return HttpResponse(settings.CHATBOT_VK_CONFIRMATION, content_type="text/plain")
    incoming = messengers.parse_vk(event)
    if incoming is not None:
        _answer(incoming)
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def link_code(request: HttpRequest) -> HttpResponse:
    """A fresh one-time code, shown once on its own page (never kept in a message or a log)."""
    code = services.link_code_issue(user=request.user)
    context = {
        "code": code,
        "minutes": settings.CHATBOT_LINK_CODE_MINUTES,
        "bot_name": settings.CHATBOT_TELEGRAM_BOT_NAME,
    }
    response = render(request, "chatbot/link_code.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(MessengerLink, pk=pk)
    try:
        services.messenger_unlink(user=request.user, link=link)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The chat is unlinked from your account."))
    return redirect("accounts:cabinet")
