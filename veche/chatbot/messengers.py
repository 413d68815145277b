"""The bot in messengers: an update in (Telegram's Bot API format, `parse_telegram`), the same
answers as the portal's page (`reply`), and a reply out through a swappable sender
(`CHATBOT_MESSENGER_SENDER`: `TelegramSender` calls `sendMessage`; tests use `LocmemSender`).
Another messenger (VK, MAX) adds its parser and sender; `reply` stays."""

import json
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import conversation, services

TELEGRAM = "telegram"


@dataclass(frozen=True)
class Incoming:
    messenger: str
    chat_id: str
    text: str


def parse_telegram(update: dict) -> Incoming | None:
    """A private text message of the update; None for anything else (edits, buttons, groups)."""
    message = update.get("message") if isinstance(update, dict) else None
    if not isinstance(message, dict):
        return None
    chat, text = message.get("chat") or {}, message.get("text")
    if not isinstance(chat, dict) or chat.get("type") != "private" or not isinstance(text, str):
        return None
    if not isinstance(chat.get("id"), int):
        return None
    return Incoming(TELEGRAM, str(chat["id"]), text[:500])


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def _as_text(message: conversation.Message) -> str:
    lines = [message.text]
    if message.why:
        lines.append(message.why)
    lines += [f"{label}: {_absolute(url)}" for label, url in message.links]
    return "\n".join(lines)


def reply(incoming: Incoming) -> str:
    """What the bot answers: linking with a code (`/start CODE`, the deep link's form, or
    `/link CODE`), a report's status (the linked author sees his own), a knowledge-base answer."""
    command, _space, rest = incoming.text.strip().partition(" ")
    if command.split("@")[0] in ("/start", "/link"):
        if not rest.strip():
            return _(
                "Hello! Ask a question, or send a report's number for its status. To link your "
                "portal account, take a code in your cabinet and send /link CODE."
            )
        user = services.messenger_link(
            messenger=incoming.messenger, chat_id=incoming.chat_id, code=rest
        )
        if user is None:
            return _("This code is not valid: take a new one in your cabinet.")
        return _("This chat is linked to your portal account.")
    if command.split("@")[0] == "/report":
        return _("To file a report step by step, open %(url)s") % {"url": _absolute("/chat/")}
    user = (
        services.linked_user(messenger=incoming.messenger, chat_id=incoming.chat_id)
        or AnonymousUser()
    )
    if conversation.is_status_request(incoming.text):
        return _as_text(conversation.answer_status(incoming.text, user))
    return _as_text(conversation.answer_question(incoming.text))


class Sender:
    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        raise NotImplementedError


class TelegramSender(Sender):
    """Bot API `sendMessage` with `CHATBOT_TELEGRAM_BOT_TOKEN`; an HTTP error raises (the task
    fails and is seen in its log)."""

    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        token = settings.CHATBOT_TELEGRAM_BOT_TOKEN
        body = json.dumps({"chat_id": chat_id, "text": text[:4096]}).encode()
        request = urllib.request.Request(
            f"https://api.telegram.org/bot{token}/sendMessage",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (fixed https)
            answer.read()


# Replies "sent" by LocmemSender; tests read and clear it.
outbox: list[dict] = []


class LocmemSender(Sender):
    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        outbox.append({"messenger": messenger, "chat_id": chat_id, "text": text})


def get_sender() -> Sender:
    return import_string(settings.CHATBOT_MESSENGER_SENDER)()
