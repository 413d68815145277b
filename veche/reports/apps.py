from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "veche.reports"
    label = "reports"
    verbose_name = _("Problem reports")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed_all, after=("workdays", "agencies", "staff"))
        register_router("/reports", "veche.reports.api.router")
        register_cabinet_section(
            "reports",
            title=_("My reports"),
            empty_text=_("You have not sent any reports yet."),
            order=10,
        )
