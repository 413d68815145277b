from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "veche.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
        from .sitemaps import CoreSitemap, register_sitemap

        register_sitemap("core", CoreSitemap())
