from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectlineConfig(AppConfig):
    name = "veche.directline"
    label = "directline"
    verbose_name = _("Direct line")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.moderation.registry import register_source
        from veche.supports.kinds import register_supportable

        from . import demo, privacy, queue, services

        register_supportable(services.QUESTION_SUPPORTS)
        register_source(queue.source())
        register_cabinet_section(
            "directline",
            title=_("My questions to the direct line"),
            empty_text=_("You have not asked the direct line any questions yet."),
            order=14,
        )
        register_export_section("directline", privacy.export_section)
        register_deletion_hook("directline", privacy.deletion_hook)
        register_router("/directline", "veche.directline.api.router")
        register_demo(self.label, demo.seed, after=("territory", "staff"))
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
