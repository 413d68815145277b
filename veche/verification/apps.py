from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "veche.verification"
    label = "verification"
    verbose_name = _("Verification")

    def ready(self) -> None:
        from veche.accounts import privacy as accounts_privacy

        from . import privacy

        accounts_privacy.register_export_section("verification", privacy.export_section)
        accounts_privacy.register_deletion_hook("verification", privacy.deletion_hook)
