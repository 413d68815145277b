from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "veche.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed, after=("territory",))
