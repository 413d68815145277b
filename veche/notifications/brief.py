"""The short form of a notice that SMS and web push carry: one line of title, the text, and an
absolute link. The e-mail has its own, fuller form (emails.py)."""

from dataclasses import dataclass

from .channels import Message
from .emails import absolute


@dataclass(frozen=True)
class Brief:
    title: str
    body: str
    url: str


def brief(message: Message) -> Brief:
    return Brief(
        title=" ".join(message.title.split()),
        body=message.body,
        url=absolute(message.url) if message.url else "",
    )
