from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "veche.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self) -> None:
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed)
