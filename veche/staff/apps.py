from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "veche.staff"
    label = "staff"
    verbose_name = _("Staff and roles")

    def ready(self) -> None:
        from veche.accounts.landing import register_landing
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.core.demo import register_demo

        from . import demo, privacy, signals

        signals.connect()

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
        register_export_section("roles", privacy.roles_section)
        register_deletion_hook("roles", privacy.roles_hook)
        # Any staff member no module claims lands on the dashboard rather than the cabinet.
        register_landing("staff", _dashboard_landing, order=50)


def _dashboard_landing(user) -> str | None:
    return "staff:dashboard" if user.has_perm("staff.view_dashboard") else None
