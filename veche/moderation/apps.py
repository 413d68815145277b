from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "veche.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from veche.staff.sections import register_dashboard_section

        from .views import dashboard_section

        # Before the reports' section (10): what waits across kinds comes first.
        register_dashboard_section(
            "moderation",
            template="moderation/_dashboard.html",
            context=dashboard_section,
            order=5,
        )
