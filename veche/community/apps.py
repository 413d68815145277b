from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "veche.community"
    label = "community"
    verbose_name = _("Community projects and virtual capital")

    def ready(self) -> None:
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.core.demo import register_demo
        from veche.moderation.registry import register_source
        from veche.search.registry import register_searchable

        from . import demo, demo_grants, demo_registries, privacy, queue, searching

        register_cabinet_section(
            "capital",
            title=_("My virtual capital"),
            empty_text=_("You have not backed any project yet."),
            order=35,
        )
        register_export_section("community", privacy.export_section)
        register_deletion_hook("community", privacy.deletion_hook)
        register_demo(self.label, demo.seed, after=("staff", "reports"))
        register_demo("community_registries", demo_registries.seed, after=(self.label, "territory"))
        register_demo("community_grants", demo_grants.seed, after=(self.label, "budgeting"))
        register_router("/community", "veche.community.api.router")
        for source in queue.sources():
            register_source(source)
        for kind in searching.search_kinds():
            register_searchable(kind)
