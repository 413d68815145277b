"""A messenger chat linked to a portal account, and the one-time codes that link them: the
resident takes a code in his cabinet and sends it to the bot (docs/chatbot.md, "Messengers")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessengerLink(models.Model):
    messenger = models.CharField(_("messenger"), max_length=20)  # "telegram"
    chat_id = models.CharField(_("chat"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messenger_links",
        verbose_name=_("linked account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("messenger link")
        constraints = [
            models.UniqueConstraint(fields=["messenger", "chat_id"], name="chatbot_one_link_a_chat")
        ]

    def __str__(self) -> str:
        return f"{self.messenger}:{self.chat_id}"


class LinkCode(models.Model):
    """Only the code's SHA-256 is kept; the resident sees the code once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messenger_link_code"
    )
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}"


class MessengerChat(models.Model):
    """A messenger chat's filing under way (conversation.py's `state["filing"]`), kept between
    webhook calls: a row, not the cache — the default cache is per process, and a chat's next
    update may reach another one. It belongs to the account the chat was linked to when the
    filing began (another account never reads it), and is forgotten when filed, cancelled, or
    left alone for CHATBOT_MESSENGER_STATE_MINUTES (services.py)."""

    messenger = models.CharField(max_length=20)
    chat_id = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messenger_chats"
    )
    filing = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["messenger", "chat_id"], name="chatbot_one_state_a_chat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.messenger}:{self.chat_id}"
