"""Linking a messenger chat to a portal account: a one-time code from the cabinet (only its hash
kept, valid `CHATBOT_LINK_CODE_MINUTES`, one per account, spent on use), sent to the bot; and
unlinking from the cabinet. Each in one transaction. And a chat's filing under way, kept between
webhook calls (`chat_filing`, `chat_filing_keep`)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.accounts.predicates import is_active_user

from .models import LinkCode, MessengerChat, MessengerLink

# No 0/O, 1/I/L: a code is read off a screen and typed into a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def link_code_issue(*, user) -> str:
    """A fresh code for the user (any earlier one stops working); returned once, never stored."""
    if not is_active_user(user):
        raise PermissionDenied(_("Sign in to link a messenger."))
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    expires = timezone.now() + timedelta(minutes=settings.CHATBOT_LINK_CODE_MINUTES)
    with transaction.atomic():
        LinkCode.objects.update_or_create(
            user=user, defaults={"digest": _digest(code), "expires_at": expires}
        )
    return code


def messenger_link(*, messenger: str, chat_id: str, code: str):
    """Spend the code on this chat: the chat now speaks for the code's account (a chat linked
    before moves to it, and forgets its filing under way). None for a code that is unknown,
    spent or expired."""
    with transaction.atomic():
        found = (
            LinkCode.objects.select_for_update()
            .select_related("user")
            .filter(digest=_digest(code))
            .first()
        )
        if found is None:
            return None
        found.delete()
        if found.expires_at <= timezone.now() or not is_active_user(found.user):
            return None
        MessengerLink.objects.update_or_create(
            messenger=messenger, chat_id=str(chat_id), defaults={"user": found.user}
        )
        MessengerChat.objects.filter(messenger=messenger, chat_id=str(chat_id)).delete()
        return found.user


def linked_user(*, messenger: str, chat_id: str):
    link = (
        MessengerLink.objects.select_related("user")
        .filter(messenger=messenger, chat_id=str(chat_id), user__is_active=True)
        .first()
    )
    return link.user if link else None


def messenger_unlink(*, user, link: MessengerLink) -> None:
    if link.user_id != user.pk:
        raise PermissionDenied(_("This chat is linked to another account."))
    with transaction.atomic():
        MessengerChat.objects.filter(messenger=link.messenger, chat_id=link.chat_id).delete()
        link.delete()


def _fresh_since():
    return timezone.now() - timedelta(minutes=settings.CHATBOT_MESSENGER_STATE_MINUTES)


def chat_filing(*, messenger: str, chat_id: str, user) -> dict:
    """The chat's filing under way (conversation.py's `state["filing"]`), or {} when there is
    none, it was left alone too long, or it was begun for another account. One query."""
    found = (
        MessengerChat.objects.filter(
            messenger=messenger, chat_id=str(chat_id), user=user, updated_at__gte=_fresh_since()
        )
        .values_list("filing", flat=True)
        .first()
    )
    return found or {}


def chat_filing_keep(
    *, messenger: str, chat_id: str, user, filing: dict | None, begun: bool = False
) -> None:
    """Keep the chat's filing after a turn, or forget it (filed, cancelled, never begun). Rows
    left alone past their time are pruned when a filing is `begun`, so they never pile up."""
    with transaction.atomic():
        if not filing:
            MessengerChat.objects.filter(messenger=messenger, chat_id=str(chat_id)).delete()
            return
        if begun:
            MessengerChat.objects.filter(updated_at__lt=_fresh_since()).delete()
        MessengerChat.objects.update_or_create(
            messenger=messenger, chat_id=str(chat_id), defaults={"user": user, "filing": filing}
        )
