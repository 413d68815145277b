from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Uploads shared by every module: checked, capped, cleaned and served one way."""

    name = "veche.media"
    label = "media"
    verbose_name = _("Media")
