from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "veche.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from veche.accounts import privacy

        from .services import api_tokens_revoke_for_deleted_user

        privacy.register_deletion_hook("api_tokens", api_tokens_revoke_for_deleted_user)
