"""The chatbot's page (`/chat/`): a plain form that works without JavaScript (post, redirect,
the conversation shown again), enhanced by HTMX (the conversation part swapped in place)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from veche.core import ratelimit
from veche.core.ratelimit import Rate

from . import conversation, registry

SESSION_KEY = "chatbot"


def _who(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def _context(request: HttpRequest, state: dict) -> dict:
    filing = state.get("filing")
    flow = registry.filing()
    return {
        "log": state.get("log", []),
        "filing": filing,
        "topics": flow.topics() if filing and flow and filing["step"] == "topic" else [],
    }


def chat(request: HttpRequest) -> HttpResponse:
    state = request.session.get(SESSION_KEY) or {"log": []}
    htmx = request.headers.get("HX-Request") == "true"
    if request.method == "POST":
        try:
            slot = ratelimit.reserve(
                "chatbot", _who(request), Rate.from_setting("RATE_LIMIT_CHATBOT")
            )
        except ratelimit.Limited:
            conversation.say(
                state,
                conversation.Message("bot", _("Too many messages. Try again in a few minutes.")),
            )
        else:
            action = request.POST.get("action", "")
            if action == "file":
                conversation.start_filing(state, request.user)
            elif action == "cancel":
                conversation.cancel_filing(state)
            elif action == "step" and state.get("filing"):
                conversation.filing_step(
                    state, request.user, request.POST, request.FILES.get("photo")
                )
            elif action == "clear":
                state = {"log": []}
            else:
                text = request.POST.get("text", "")
                if not text.strip():
                    ratelimit.release(slot)
                conversation.message(state, request.user, text)
        request.session[SESSION_KEY] = state
        if not htmx:
            return redirect(f"{request.path}#chat-last")
    template = "chatbot/_chat.html" if htmx else "chatbot/page.html"
    return render(request, template, _context(request, state))
