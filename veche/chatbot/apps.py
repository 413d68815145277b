from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatbotConfig(AppConfig):
    name = "veche.chatbot"
    label = "chatbot"
    verbose_name = _("Chatbot")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section

        from . import privacy

        register_cabinet_section(
            "messengers",
            title=_("The portal's bot in messengers"),
            empty_text=_("No messenger chat is linked to your account."),
            order=90,
        )
        register_export_section("chatbot", privacy.export_section)
        register_deletion_hook("chatbot", privacy.deletion_hook)
