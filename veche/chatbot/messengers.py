"""The bot in messengers: an update in (Telegram's Bot API format, `parse_telegram`; VK's
Callback API, `parse_vk`), the same
answers as the portal's page and its step-by-step filing (`reply`), and a reply out through a
swappable adapter (adapters.py, `CHATBOT_MESSENGER_SENDER`: `TelegramSender` calls
`sendMessage`; tests use `LocmemSender`). Another messenger (VK, MAX) adds its parser and its
adapter; `reply` stays."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from . import conversation, messenger_filing, services
from .adapters import Photo
from .plain import as_text

TELEGRAM = "telegram"
VK = "vk"
VK_CHATS_FROM = 2_000_000_000  # VK's peer ids of group chats; below: a person's private chat


@dataclass(frozen=True)
class Incoming:
    messenger: str
    chat_id: str
    text: str
    photo: Photo | None = None


def _telegram_photo(sizes) -> Photo | None:
    """The largest of a photo's sizes (Telegram sends several, smallest first)."""
    if not isinstance(sizes, list):
        return None
    found = [
        size
        for size in sizes
        if isinstance(size, dict) and isinstance(size.get("file_id"), str) and size["file_id"]
    ]
    if not found:
        return None
    best = max(found, key=lambda size: (size.get("width") or 0) * (size.get("height") or 0))
    declared = best.get("file_size")
    return Photo(best["file_id"], declared if isinstance(declared, int) else None)


def parse_telegram(update: dict) -> Incoming | None:
    """A private chat's text message or photo; None for anything else (edits, buttons, groups).
    The text is whole: a question is cut by the conversation, a report's text is refused by
    the filing service's rule, never cut."""
    message = update.get("message") if isinstance(update, dict) else None
    if not isinstance(message, dict):
        return None
    chat, text = message.get("chat") or {}, message.get("text")
    photo = _telegram_photo(message.get("photo"))
    if not isinstance(chat, dict) or chat.get("type") != "private":
        return None
    if not isinstance(text, str) and photo is None:
        return None
    if not isinstance(chat.get("id"), int):
        return None
    return Incoming(TELEGRAM, str(chat["id"]), text if isinstance(text, str) else "", photo)


def parse_vk(event: dict) -> Incoming | None:
    """A VK Callback API `message_new` in a private chat (`object.message.text`, `peer_id`);
    None for anything else. Photos sent in VK are not read yet."""
    if not isinstance(event, dict) or event.get("type") != "message_new":
        return None
    obj = event.get("object")
    message = obj.get("message") if isinstance(obj, dict) else None
    if not isinstance(message, dict):
        return None
    peer, text = message.get("peer_id"), message.get("text")
    if not isinstance(peer, int) or not 0 < peer < VK_CHATS_FROM or not isinstance(text, str):
        return None
    if not text.strip():
        return None
    return Incoming(VK, str(peer), text)


def reply(incoming: Incoming) -> str:
    """What the bot answers: linking with a code (`/start CODE`, the deep link's form, or
    `/link CODE`); filing a report step by step (`/report`, then the steps, `/send`,
    `/cancel`: messenger_filing.py); a report's status (the linked author sees his own); a
    knowledge-base answer."""
    command, _space, rest = incoming.text.strip().partition(" ")
    command = command.split("@")[0]
    if command in ("/start", "/link"):
        if not rest.strip():
            return _(
                "Hello! Ask a question, or send a report's number for its status, or /report "
                "to file one. To link your portal account, take a code in your cabinet and "
                "send /link CODE."
            )
        user = services.messenger_link(
            messenger=incoming.messenger, chat_id=incoming.chat_id, code=rest
        )
        if user is None:
            return _("This code is not valid: take a new one in your cabinet.")
        return _("This chat is linked to your portal account.")
    where = {"messenger": incoming.messenger, "chat_id": incoming.chat_id}
    user = services.linked_user(**where)
    if command == "/report":
        return messenger_filing.start(**where, user=user)
    filing = messenger_filing.turn(
        **where, user=user, command=command, text=incoming.text, photo=incoming.photo
    )
    if filing is not None:
        return filing
    if not incoming.text.strip():
        return _("Send a photo after /report, at the filing's last step.")
    if conversation.is_status_request(incoming.text):
        return as_text(conversation.answer_status(incoming.text, user or AnonymousUser()))
    return as_text(conversation.answer_question(incoming.text[:500]))
