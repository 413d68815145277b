from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "veche.discussions"
    label = "discussions"
    verbose_name = _("Public discussions")

    def ready(self) -> None:
        from veche.search.registry import register_searchable

        from .searching import search_kind

        register_searchable(search_kind())
        from veche.accounts.cabinet import register_cabinet_section
        from veche.accounts.privacy import register_deletion_hook, register_export_section
        from veche.api.routers import register_router
        from veche.comments.kinds import register_commentable
        from veche.core.demo import register_demo
        from veche.notifications.categories import register_subscription_categories

        from . import commenting, demo, notices, privacy

        register_commentable(commenting.draft_kind())
        register_commentable(commenting.section_kind())
        register_demo(self.label, demo.seed, after=("territory", "staff", "agencies", "comments"))
        register_router("/discussions", "veche.discussions.api.router")
        register_cabinet_section(
            "proposals",
            title=_("My proposals on drafts"),
            empty_text=_("You have not made any proposals yet."),
            order=25,
        )
        register_export_section("discussions", privacy.export_section)
        register_deletion_hook("discussions", privacy.deletion_hook)
        register_subscription_categories(
            notices.CATEGORY_PREFIX,
            label=_("Public discussions"),
            choices=notices.category_choices,
            name=notices.category_name,
        )
