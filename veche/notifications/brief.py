"""The short form of a notice that SMS and web push carry: one line of title, the text, and an
absolute link. The e-mail has its own, fuller form (emails.py)."""

from dataclasses import dataclass

from .emails import absolute
from .messages import Message, Notice


@dataclass(frozen=True)
class Brief:
    title: str
    body: str
    url: str


def brief(user, message: Message) -> Brief:
    """In the recipient's language (his preferences), like his letters."""
    title, body = Notice(user, message).rendered()
    return Brief(title=title, body=body, url=absolute(message.link) if message.link else "")
