"""The conversation's messages as a messenger shows them: plain text, links absolute
(`SITE_URL`)."""

from django.conf import settings

from .conversation import Message


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def as_text(message: Message) -> str:
    lines = [message.text]
    if message.why:
        lines.append(message.why)
    lines += [f"{label}: {absolute(url)}" for label, url in message.links]
    return "\n".join(lines)
