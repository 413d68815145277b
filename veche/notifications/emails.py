"""The notification e-mail: plain text and simple HTML, with one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .messages import Message
from .text import render
from .tokens import SCOPE_DIGEST, SCOPE_EMAIL, make_unsubscribe_token


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(user, scope: str) -> str:
    token = make_unsubscribe_token(user_id=user.pk, scope=scope)
    return absolute(reverse("notifications:unsubscribe", args=[token]))


def build_email(user, message: Message) -> EmailMultiAlternatives:
    """The letter in the active language (the task sets the recipient's)."""
    unsubscribe = unsubscribe_url(user, message.unsubscribe)
    context = {
        "user": user,
        "title": message.title_text(),
        "body": message.body_text(),
        "reason": render(message.reason),
        "link": absolute(message.link) if message.link else "",
        "sections": [
            {
                "title": render(section.title),
                "items": [(render(text), absolute(path)) for text, path in section.items],
                "more": section.more,
            }
            for section in message.sections
        ],
        "unsubscribe_url": unsubscribe,
        "scope": "email"
        if message.unsubscribe == SCOPE_EMAIL
        else "digest"
        if message.unsubscribe == SCOPE_DIGEST
        else "subscription",
        "preferences_url": absolute(reverse("notifications:preferences")),
        "portal_name": settings.PORTAL_NAME,
        "site_url": settings.SITE_URL,
        "LANGUAGE_CODE": translation.get_language(),
    }
    email = EmailMultiAlternatives(
        subject=context["title"],
        body=render_to_string("notifications/email/message.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(
        render_to_string("notifications/email/message.html", context), "text/html"
    )
    return email
