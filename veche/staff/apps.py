from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "veche.staff"
    label = "staff"
    verbose_name = _("Staff and roles")

    def ready(self) -> None:
        from veche.core.demo import register_demo

        from . import demo

        register_demo(self.label, demo.seed, after=("territory", "agencies"))
