"""What the chatbot keeps of a resident: the messenger chats linked to his account and a
filing under way in one of them — exported, and deleted with his code when the account is
deleted."""

from veche.accounts.privacy import json_value

from .models import LinkCode, MessengerChat, MessengerLink


def export_section(user) -> dict:
    return {
        "messenger_links": [
            {
                "messenger": link.messenger,
                "chat": link.chat_id,
                "linked_at": json_value(link.created_at),
            }
            for link in MessengerLink.objects.filter(user=user).order_by("pk")
        ],
        "messenger_filings": [
            {
                "messenger": chat.messenger,
                "chat": chat.chat_id,
                "filing": {k: v for k, v in chat.filing.items() if k != "token"},
                "updated_at": json_value(chat.updated_at),
            }
            for chat in MessengerChat.objects.filter(user=user).order_by("pk")
        ],
    }


def deletion_hook(user) -> None:
    MessengerChat.objects.filter(user=user).delete()
    MessengerLink.objects.filter(user=user).delete()
    LinkCode.objects.filter(user=user).delete()
