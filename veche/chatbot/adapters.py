"""The messengers' HTTP APIs behind one swappable class (`CHATBOT_MESSENGER_SENDER`): send the
bot's reply, fetch a photo the resident sent. `BySender` (the default) hands each messenger to
its own: `TelegramSender` calls the Bot API (`sendMessage`, `getFile` and the file's download),
`VkSender` VK's `messages.send`; tests use `LocmemSender` (`outbox`, `downloads`)."""

import http.client
import json
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

TELEGRAM_API = "https://api.telegram.org"
TELEGRAM_TEXT_LIMIT = 4096
VK_API = "https://api.vk.com/method"
VK_VERSION = "5.199"
VK_TEXT_LIMIT = 4096


@dataclass(frozen=True)
class Photo:
    """A photo in the messenger: its id there, and its size in bytes when the update tells."""

    file_id: str
    size: int | None = None


class PhotoUnavailable(Exception):
    """The messenger did not give the photo (an unknown id, a network or an HTTP error)."""


def chunks(text: str, limit: int) -> list[str]:
    """The text in pieces of at most `limit` characters, cut at line ends where it can be."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*pieces, text] if text else pieces


class Sender:
    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        raise NotImplementedError

    def fetch_photo(self, *, messenger: str, file_id: str, limit: int) -> bytes:
        """The photo's bytes, at most `limit` of them (a longer file is cut there: the caller's
        size check then refuses it); PhotoUnavailable when it cannot be had."""
        raise NotImplementedError


def _telegram(method: str, payload: dict) -> dict:
    token = settings.CHATBOT_TELEGRAM_BOT_TOKEN
    request = urllib.request.Request(
        f"{TELEGRAM_API}/bot{token}/{method}",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (fixed https)
        return json.loads(answer.read() or b"{}")


class TelegramSender(Sender):
    """Bot API `sendMessage` with `CHATBOT_TELEGRAM_BOT_TOKEN` (a reply longer than Telegram's
    4,096 characters goes in several messages); an HTTP error raises (the task fails and is
    seen in its log). A photo: `getFile`, then the file's download, read up to the cap."""

    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        for piece in chunks(text, TELEGRAM_TEXT_LIMIT):
            _telegram("sendMessage", {"chat_id": chat_id, "text": piece})

    def fetch_photo(self, *, messenger: str, file_id: str, limit: int) -> bytes:
        token = settings.CHATBOT_TELEGRAM_BOT_TOKEN
        try:
            path = _telegram("getFile", {"file_id": file_id})["result"]["file_path"]
            url = f"{TELEGRAM_API}/file/bot{token}/{urllib.parse.quote(path)}"
            with urllib.request.urlopen(url, timeout=20) as answer:  # noqa: S310 (fixed https)
                return answer.read(limit)
        except (OSError, ValueError, KeyError, TypeError, http.client.HTTPException) as error:
            raise PhotoUnavailable(file_id) from error


class VkSender(Sender):
    """VK API `messages.send` with the community's `CHATBOT_VK_TOKEN`: `peer_id`, the text
    (in several messages past 4,096 characters) and a fresh `random_id` each (VK drops a
    repeated one); an HTTP error or an API error raises. Photos are not fetched from VK yet."""

    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        for piece in chunks(text, VK_TEXT_LIMIT):
            body = urllib.parse.urlencode(
                {
                    "peer_id": chat_id,
                    "message": piece,
                    "random_id": secrets.randbelow(2**31 - 1) + 1,
                    "access_token": settings.CHATBOT_VK_TOKEN,
                    "v": VK_VERSION,
                }
            ).encode()
            request = urllib.request.Request(f"{VK_API}/messages.send", data=body)
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (fixed https)
                found = json.loads(answer.read() or b"{}")
            if "error" in found:
                raise RuntimeError(f"VK messages.send: {found['error']}")

    def fetch_photo(self, *, messenger: str, file_id: str, limit: int) -> bytes:
        raise PhotoUnavailable(file_id)


class BySender(Sender):
    """Each messenger's own adapter."""

    adapters = {"telegram": TelegramSender, "vk": VkSender}

    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        self.adapters[messenger]().send(messenger=messenger, chat_id=chat_id, text=text)

    def fetch_photo(self, *, messenger: str, file_id: str, limit: int) -> bytes:
        adapter = self.adapters[messenger]()
        return adapter.fetch_photo(messenger=messenger, file_id=file_id, limit=limit)


# Replies "sent" by LocmemSender, and the photos it "has": tests read, fill and clear them.
outbox: list[dict] = []
downloads: dict[str, bytes] = {}


class LocmemSender(Sender):
    def send(self, *, messenger: str, chat_id: str, text: str) -> None:
        outbox.append({"messenger": messenger, "chat_id": chat_id, "text": text})

    def fetch_photo(self, *, messenger: str, file_id: str, limit: int) -> bytes:
        if file_id not in downloads:
            raise PhotoUnavailable(file_id)
        return downloads[file_id][:limit]


def get_sender() -> Sender:
    return import_string(settings.CHATBOT_MESSENGER_SENDER)()
