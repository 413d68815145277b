from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "veche.infrastructure"
    label = "infrastructure"
    verbose_name = _("Infrastructure programme")

    def ready(self) -> None:
        from veche.api.routers import register_router
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
        register_router("/objects", "veche.infrastructure.api.router")
