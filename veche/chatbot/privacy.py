"""What the chatbot keeps of a resident: the messenger chats linked to his account — exported,
and deleted with his code when the account is deleted."""

from veche.accounts.privacy import json_value

from .models import LinkCode, MessengerLink


def export_section(user) -> dict:
    return {
        "messenger_links": [
            {
                "messenger": link.messenger,
                "chat": link.chat_id,
                "linked_at": json_value(link.created_at),
            }
            for link in MessengerLink.objects.filter(user=user).order_by("pk")
        ]
    }


def deletion_hook(user) -> None:
    MessengerLink.objects.filter(user=user).delete()
    LinkCode.objects.filter(user=user).delete()
