from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportsConfig(AppConfig):
    name = "veche.supports"
    label = "supports"
    verbose_name = _("Supports")
