from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "veche.staff"
    label = "staff"
    verbose_name = _("Staff and roles")

    def ready(self) -> None:
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo

        from . import demo, privacy

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
        register_export_section("roles", privacy.roles_section)
        register_deletion_hook("roles", privacy.roles_hook)
