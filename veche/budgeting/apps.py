from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "veche.budgeting"
    label = "budgeting"
    verbose_name = _("Initiative budgeting")

    def ready(self) -> None:
        from veche.api.routers import register_router
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed, after=("territory", "staff", "workdays"))
        register_router("/budgeting", "veche.budgeting.api.router")
