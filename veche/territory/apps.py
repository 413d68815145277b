from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "veche.territory"
    label = "territory"
    verbose_name = _("Territory")
