from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "veche.activities"
    label = "activities"
    verbose_name = _("Children's activities")

    def ready(self) -> None:
        from veche.core.demo import register_demo
        from veche.search.registry import register_searchable

        from . import demo
        from .searching import search_kind

        register_demo(self.label, demo.seed, after=("territory",))
        register_searchable(search_kind())
