from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "veche.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.moderation.registry import register_source

        from . import demo, privacy, queue

        register_demo(self.label, demo.seed_reasons)
        register_router("/comments", "veche.comments.api.router")
        register_export_section("comments", privacy.export_section)
        register_deletion_hook("comments", privacy.deletion_hook)
        register_source(queue.source())
